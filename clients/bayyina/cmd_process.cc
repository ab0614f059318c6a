// `bayyina process`: the whole case workflow embedded in one process (SQLite and blobs under
// $BAYYINA_HOME): open or reuse the case, submit the files, process them, approve, export the
// signed package and verify it.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <utility>
#include <sstream>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cases/case_manager.h"
#include "clients/cli/command.h"

namespace bayyina::cli {
namespace {

cases::Principal LocalUser() {
  return {"local", {cases::Role::kProsecutor, cases::Role::kReviewer}, true};
}

absl::StatusOr<cases::SubmitResult> SubmitFile(cases::CaseManager& m, const cases::Principal& p,
                                               const std::string& case_id,
                                               const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  const int64_t size = static_cast<int64_t>(in.tellg());
  in.seekg(0);
  auto upload = m.BeginUpload(p, case_id, size, "");
  if (!upload.ok()) return upload.status();
  std::string buf(1 << 20, '\0');
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() <= 0) break;
    auto s = (*upload)->Write(absl::string_view(buf.data(), static_cast<size_t>(in.gcount())));
    if (!s.ok()) return s;
  }
  return (*upload)->Finish();
}

// The match band a CAT tool would show for a score.
std::string Band(int score) {
  if (score >= 100) return "100";
  if (score >= 95) return "95-99";
  if (score >= 85) return "85-94";
  if (score >= 75) return "75-84";
  return "50-74";
}

// The output path ("-o OUT" arrives as --o; --output too) and the positional arguments.
std::pair<std::optional<std::string>, std::vector<std::string>> OutputAndFiles(
    const Invocation& in) {
  std::optional<std::string> out = in.args.Get("o");
  if (!out) out = in.args.Get("output");
  return {out, in.args.positional()};
}

absl::StatusOr<int> RunProcess(const Invocation& in) {
  const auto [out, files] = OutputAndFiles(in);
  if (files.empty()) return absl::InvalidArgumentError("process: give at least one FILE");
  auto reference = in.args.Get("case");
  if (!reference) return absl::InvalidArgumentError("process: --case REF is required");
  if (!out) return absl::InvalidArgumentError("process: -o PACKAGE.asice is required");
  if (!in.server.empty()) {
    return absl::InvalidArgumentError(
        "process runs embedded; use `bayyina case ... --server ADDR` for a daemon");
  }
  std::vector<std::string> recipients;
  for (const std::string& path : in.args.GetAll("recipient")) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return absl::NotFoundError(absl::StrCat("cannot read --recipient ", path));
    std::stringstream buf;
    buf << f.rdbuf();
    recipients.push_back(buf.str());
  }
  if (in.args.Has("sign-key") != in.args.Has("sign-cert")) {
    return absl::InvalidArgumentError("--sign-key and --sign-cert go together");
  }
  auto home = HomeDir();
  if (!home.ok()) return home.status();

  cases::SigningIdentity signer;
  if (auto key = in.args.Get("sign-key")) {
    auto loaded = cases::LoadSigner(*key, *in.args.Get("sign-cert"));
    if (!loaded.ok()) return loaded.status();
    signer = *loaded;
  } else {
    bool created = false;
    auto test = cases::LoadOrCreateTestSigner(absl::StrCat(*home, "/signing"), &created);
    if (!test.ok()) return test.status();
    signer = *test;
    std::cerr << "bayyina: WARNING: no --sign-key given; signing with the local TEST-ONLY key in "
              << *home << "/signing" << (created ? " (created now)" : "")
              << ". Packages signed with it prove nothing about their sender and say so in "
                 "bag-info.txt.\n";
  }

  std::map<std::string, std::string> names;  // document id -> neutral name
  cases::CaseManagerOptions options;
  options.home = *home;
  options.job_workers = 1;
  const bool quiet = in.args.Has("quiet") || in.json;
  options.on_progress = [&](const cases::DocumentRecord& d) {
    if (quiet) return;
    if (d.state == cases::DocumentState::kDone || d.state == cases::DocumentState::kFailed) {
      std::cerr << absl::StrFormat("%s: %s\n", d.name, cases::DocumentStateName(d.state));
    } else {
      std::cerr << absl::StrFormat("%s: page %d/%d read\n", d.name, d.pages_done, d.page_count);
    }
  };
  auto manager = cases::CaseManager::Open(options);
  if (!manager.ok()) return manager.status();
  cases::CaseManager& m = **manager;
  const cases::Principal me = LocalUser();

  // Reuse the local user's case with this reference, or open it.
  std::string case_id;
  std::string after;
  while (case_id.empty()) {
    auto list = m.ListCases(me, after, 200);
    if (!list.ok()) return list.status();
    for (const auto& c : *list) {
      if (c.reference == *reference) case_id = c.id;
    }
    if (list->size() < 200) break;
    after = list->back().id;
  }
  if (case_id.empty()) {
    cases::CaseRecord c;
    c.reference = *reference;
    c.legal_basis = in.args.GetOr("legal-basis", "");
    c.requesting_authority = in.args.GetOr("from", "");
    c.receiving_authority = in.args.GetOr("to-authority", "");
    c.handling_code = in.args.GetOr("handling-code", "H0");
    c.source_language = in.args.GetOr("lang", "auto");
    c.target_language = in.args.GetOr("to", "en");
    auto created = m.CreateCase(me, c);
    if (!created.ok()) return created.status();
    case_id = created->id;
  }

  for (const std::string& file : files) {
    auto r = SubmitFile(m, me, case_id, file);
    if (!r.ok()) {
      return absl::Status(r.status().code(),
                          absl::StrCat("document ", &file - &files[0] + 1, ": ",
                                       r.status().message()));
    }
    if (!quiet) {
      std::cerr << absl::StrFormat("submitted %s (%d pages)%s\n", r->document.name,
                                   r->document.page_count,
                                   r->duplicate ? ", already in the case" : "");
    }
  }
  m.WaitIdle();

  auto view = m.GetCase(me, case_id);
  if (!view.ok()) return view.status();
  int pages = 0;
  std::map<std::string, int> findings_by_type;
  std::map<std::string, int> bands;
  int segments = 0, with_suggestions = 0;
  for (const cases::DocumentRecord& d : view->documents) {
    if (d.state == cases::DocumentState::kFailed) {
      return absl::FailedPreconditionError(
          absl::StrCat(d.name, " could not be processed: ", d.error));
    }
    pages += d.pages_done;
    auto findings = m.ListFindings(me, case_id, d.id);
    if (!findings.ok()) return findings.status();
    for (const auto& f : *findings) {
      if (f.redacted) findings_by_type[f.type]++;
    }
    auto draft = m.GetDraft(me, case_id, d.id);
    if (!draft.ok()) return draft.status();
    for (const auto& s : draft->segments) {
      ++segments;
      if (!s.suggestions.empty()) {
        ++with_suggestions;
        bands[Band(s.suggestions.front().score)]++;
      }
    }
  }
  if (!view->record.approved) {
    auto approved = m.Approve(me, case_id);
    if (!approved.ok()) return approved.status();
  }
  // Fail closed: pages on which the leak check still read something are not exported. Say
  // which, and how a reviewer releases them; running this command again then exports.
  auto withheld = m.ListWithheldPages(me, case_id);
  if (!withheld.ok()) return withheld.status();
  if (!withheld->empty()) {
    for (const cases::WithheldPage& w : *withheld) {
      std::cerr << absl::StrFormat(
          "%s page %d: withheld; after redaction the leak check still read%s\n"
          "  review: bayyina case findings %s %s --add-box PAGE:LEFT,TOP,RIGHT,BOTTOM ...\n",
          w.document_name, w.page, cases::SurvivorBoxes(w), case_id, w.document_id);
    }
    return absl::FailedPreconditionError(absl::StrFormat(
        "%d page(s) withheld by the leak check; nothing was exported. Review them as shown, "
        "then run this command again",
        withheld->size()));
  }
  cases::ExportOptions eo;
  eo.signer = signer;
  eo.recipient_certs = recipients;
  auto exported = m.ExportPackage(me, case_id, eo, *out);
  if (!exported.ok()) return exported.status();

  if (in.json) {
    nlohmann::json j;
    j["case"] = *reference;
    j["pages"] = pages;
    j["findings_by_type"] = findings_by_type;
    j["segments"] = segments;
    j["segments_with_suggestions"] = with_suggestions;
    j["match_bands"] = bands;
    j["package"] = exported->path;
    j["package_sha256"] = exported->sha256;
    j["verified"] = exported->verified;
    j["encrypted_volumes"] = exported->volumes;
    j["test_signature"] = signer.test_only;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "Case " << *reference << "\n";
    std::cout << "  pages read:        " << pages << "\n";
    std::cout << "  findings redacted:";
    if (findings_by_type.empty()) std::cout << " none";
    std::cout << "\n";
    for (const auto& [type, n] : findings_by_type) {
      std::cout << absl::StrFormat("    %-16s %d\n", type, n);
    }
    std::cout << "  segments:          " << segments << " (" << with_suggestions
              << " with TM suggestions)\n";
    for (const auto& [band, n] : bands) {
      std::cout << absl::StrFormat("    best match %-6s %d\n", band, n);
    }
    std::cout << "  package:           " << exported->path << "\n";
    std::cout << "  sha256:            " << exported->sha256 << "\n";
    for (const std::string& v : exported->volumes) {
      std::cout << "  encrypted volume:  " << v << "\n";
    }
    std::cout << "  verification:      " << (exported->verified ? "OK" : "FAILED") << "\n";
    for (const std::string& item : exported->failed_items) std::cout << "    " << item << "\n";
    if (signer.test_only) {
      std::cout << "  signature:         TEST ONLY (local self-signed key)\n";
    }
  }
  return exported->verified ? 0 : 1;
}

BAYYINA_COMMAND(kProcess,
                {"process",
                 "run the whole workflow on scans and export a signed package (embedded)",
                 "FILE... --case REF -o PACKAGE.asice [--lang L] [--to L] [...]",
                 {
                     {"case", FlagKind::kValue, "REF", "case reference (opened when new)"},
                     {"o", FlagKind::kValue, "PACKAGE", "package to write (.asice); also -o"},
                     {"output", FlagKind::kValue, "PACKAGE", "same as -o"},
                     {"lang", FlagKind::kValue, "L", "ar, ckb, kmr, en or auto (default auto)"},
                     {"to", FlagKind::kValue, "L", "target language (default en)"},
                     {"legal-basis", FlagKind::kValue, "TEXT", "MLA request or EIO reference"},
                     {"from", FlagKind::kValue, "AUTHORITY", "requesting authority"},
                     {"to-authority", FlagKind::kValue, "AUTHORITY", "receiving authority"},
                     {"handling-code", FlagKind::kValue, "H", "H0..H3 (default H0)"},
                     {"sign-key", FlagKind::kValue, "KEY.pem", "the authority's signing key"},
                     {"sign-cert", FlagKind::kValue, "CERT.pem", "its certificate"},
                     {"recipient", FlagKind::kRepeated, "CERT.pem", "encrypt to this recipient"},
                 },
                 &RunProcess});

}  // namespace
}  // namespace bayyina::cli

// `bayyina analyze` and `bayyina redact`: find and redact personal data (redact/).

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bayyina/v1/redaction.grpc.pb.h"
#include "clients/cli/command.h"
#include "clients/cli/remote.h"
#include "clients/cli/io.h"
#include "nlohmann/json.hpp"
#include "redact/analyzer.h"
#include "ocr/document.h"
#include "ocr/engine.h"
#include "redact/case_key.h"
#include "redact/document_redactor.h"
#include "redact/language_choice.h"
#include "redact/policy.h"
#include "redact/text_pipeline.h"

namespace bayyina::cli {
namespace {

namespace v1 = bayyina::v1;
using redact::Analyzer;
using redact::Finding;

constexpr size_t kMaxStdinBytes = 64u << 20;

// Code points of `text` -> byte offsets (for printing the text of remote findings).
std::vector<size_t> CodePointOffsets(const std::string& text) {
  std::vector<size_t> at;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) at.push_back(i);
  }
  at.push_back(text.size());
  return at;
}

absl::StatusOr<int> RunAnalyzeRemote(const Invocation& in, const std::string& text,
                                     double min_score) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = Connect(in);
  if (!channel.ok()) return channel.status();
  auto stub = v1::RedactionService::NewStub(*channel);
  grpc::ClientContext context;
  PrepareContext(&context);
  v1::AnalyzeRequest request;
  request.set_text(text);
  request.set_language(in.args.GetOr("lang", "auto"));
  request.set_min_score(static_cast<float>(min_score));
  v1::AnalyzeResponse response;
  grpc::Status status = stub->Analyze(&context, request, &response);
  if (!status.ok()) return RemoteStatus(in, status);
  std::vector<size_t> at = CodePointOffsets(text);
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const v1::Finding& f : response.findings()) {
    if (f.start() < 0 || f.end() < f.start() || static_cast<size_t>(f.end()) >= at.size()) {
      return absl::InternalError("the server returned a finding outside the text");
    }
    std::string value = text.substr(at[f.start()], at[f.end()] - at[f.start()]);
    std::string type = v1::EntityType_Name(f.type());
    if (in.json) {
      list.push_back({{"type", type}, {"text", value}, {"start", f.start()}, {"end", f.end()},
                      {"score", static_cast<double>(static_cast<int>(f.score() * 1000 + 0.5)) / 1000},
                      {"detector", f.detector()}});
    } else {
      std::cout << absl::StrFormat("%s\t%d\t%d\t%.2f\t%s\t%s\n", type, f.start(), f.end(),
                                   f.score(), f.detector(), value);
    }
  }
  if (in.json) {
    nlohmann::ordered_json out;
    out["findings"] = std::move(list);
    std::cout << out.dump() << "\n";
  }
  return 0;
}

absl::StatusOr<int> RunAnalyze(const Invocation& in) {
  absl::StatusOr<std::string> text = ReadAll(std::cin, kMaxStdinBytes, "standard input");
  if (!text.ok()) return text.status();
  absl::StatusOr<text::Language> lang =
      redact::ResolveLanguage(in.args.GetOr("lang", "auto"), *text);
  if (!lang.ok()) return lang.status();
  double min_score = redact::Policy::Default().score_threshold;
  if (auto s = in.args.Get("min-score")) {
    if (!absl::SimpleAtod(*s, &min_score) || min_score < 0 || min_score > 1) {
      return absl::InvalidArgumentError("--min-score must be a number from 0 to 1");
    }
  }
  if (!in.server.empty()) return RunAnalyzeRemote(in, *text, min_score);
  static const Analyzer* analyzer = new Analyzer();
  absl::StatusOr<std::vector<Finding>> findings = analyzer->Analyze(*text, *lang);
  if (!findings.ok()) return findings.status();
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Finding& f : *findings) {
    if (f.score < min_score) continue;
    std::string value = text->substr(f.begin, f.end - f.begin);
    if (in.json) {
      list.push_back({{"type", std::string(redact::EntityTypeName(f.type))},
                      {"text", value},
                      {"start", f.cp_begin},
                      {"end", f.cp_end},
                      {"score", static_cast<double>(static_cast<int>(f.score * 1000 + 0.5)) / 1000},
                      {"detector", f.detector}});
    } else {
      std::cout << absl::StrFormat("%s\t%d\t%d\t%.2f\t%s\t%s\n", redact::EntityTypeName(f.type),
                                   f.cp_begin, f.cp_end, f.score, f.detector, value);
    }
  }
  if (in.json) {
    nlohmann::ordered_json out;
    out["language"] = std::string(text::LanguageCode(*lang));
    out["findings"] = std::move(list);
    std::cout << out.dump() << "\n";
  }
  return 0;
}

absl::StatusOr<redact::CaseKey> KeyFor(const Invocation& in) {
  if (auto path = in.args.Get("key-file")) return redact::CaseKey::LoadFile(*path);
  return redact::CaseKey::Generate();
}

absl::StatusOr<int> RedactScan(const Invocation& in, std::string bytes, const std::string& out_path,
                               const redact::Policy& policy, const redact::CaseKey& key) {
  absl::StatusOr<redact::ImageFormat> format = redact::ImageFormatForPath(out_path);
  if (!format.ok()) return format.status();
  absl::StatusOr<std::unique_ptr<ocr::Document>> doc = ocr::Document::FromBytes(std::move(bytes));
  if (!doc.ok()) return doc.status();
  absl::StatusOr<std::unique_ptr<ocr::EnginePool>> pool = ocr::EnginePool::Create();
  if (!pool.ok()) return pool.status();
  for (const std::string& w : (*pool)->warnings()) std::cerr << "bayyina: note: " << w << "\n";
  static const Analyzer* analyzer = new Analyzer();
  redact::DocumentRedactionOptions options;
  options.language = in.args.GetOr("lang", "auto");
  options.format = *format;
  options.document_name = "document-001";
  absl::StatusOr<redact::DocumentRedaction> r =
      redact::RedactDocument(**pool, **doc, *analyzer, policy, key, options);
  if (!r.ok()) return r.status();
  if (auto report = in.args.Get("report")) {
    if (absl::Status st = WriteFileAtomic(*report, r->log.ToJson(policy)); !st.ok()) return st;
  }
  size_t redacted = 0;
  for (const auto& f : r->log.findings) redacted += f.redacted;
  if (r->log.leak_check && !r->log.leak_check->passed) {
    return absl::FailedPreconditionError(absl::StrCat(
        "leak check failed: ", r->log.leak_check->survivors.size(),
        " value(s) readable after redaction; no output written (see the report)"));
  }
  if (absl::Status st = WriteFileAtomic(out_path, r->output); !st.ok()) return st;
  if (in.json) {
    nlohmann::ordered_json out;
    out["output"] = out_path;
    out["pages"] = r->pages.size();
    out["findings"] = r->log.findings.size();
    out["redacted"] = redacted;
    out["regions_for_review"] = r->log.regions.size();
    std::cout << out.dump() << "\n";
  } else {
    std::cerr << "redacted " << redacted << " of " << r->log.findings.size() << " findings on "
              << r->pages.size() << " page(s)\n";
  }
  return 0;
}

absl::StatusOr<int> RedactRemote(const Invocation& in, const std::string& bytes, bool scan,
                                 const std::string& out_path) {
  std::string policy_json;
  if (auto p = in.args.Get("policy")) {
    std::ifstream pf(*p, std::ios::binary);
    if (!pf) return absl::NotFoundError(absl::StrCat("cannot read ", *p));
    absl::StatusOr<std::string> pj = ReadAll(pf, 1 << 20, *p);
    if (!pj.ok()) return pj.status();
    policy_json = *pj;
  }
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = Connect(in);
  if (!channel.ok()) return channel.status();
  auto stub = v1::RedactionService::NewStub(*channel);
  grpc::ClientContext context;
  PrepareContext(&context);
  const std::string lang = in.args.GetOr("lang", "auto");
  if (!scan) {
    if (in.args.Has("report")) {
      return absl::InvalidArgumentError("--report with --server is available for scans only");
    }
    v1::AnonymizeTextRequest request;
    request.set_text(bytes);
    request.set_language(lang);
    request.set_policy_json(policy_json);
    v1::AnonymizeTextResponse response;
    grpc::Status status = stub->AnonymizeText(&context, request, &response);
    if (!status.ok()) return RemoteStatus(in, status);
    if (absl::Status st = WriteFileAtomic(out_path, response.text()); !st.ok()) return st;
    std::cerr << "redacted " << response.findings_size() << " findings\n";
    return 0;
  }
  auto stream = stub->RedactDocument(&context);
  v1::RedactDocumentRequest first;
  first.mutable_options()->set_language(lang);
  first.mutable_options()->set_policy_json(policy_json);
  first.mutable_options()->mutable_upload()->set_size(static_cast<int64_t>(bytes.size()));
  bool ok = stream->Write(first);
  for (size_t pos = 0; ok && pos < bytes.size(); pos += 1 << 20) {
    v1::RedactDocumentRequest chunk;
    chunk.mutable_chunk()->set_data(bytes.substr(pos, 1 << 20));
    ok = stream->Write(chunk);
  }
  stream->WritesDone();
  std::string output, log;
  v1::RedactDocumentResponse response;
  while (stream->Read(&response)) {
    if (response.has_output()) output += response.output().data();
    if (!response.redaction_log_json().empty()) log = response.redaction_log_json();
  }
  grpc::Status status = stream->Finish();
  if (auto report = in.args.Get("report"); report && !log.empty()) {
    if (absl::Status st = WriteFileAtomic(*report, log); !st.ok()) return st;
  }
  if (!status.ok()) return RemoteStatus(in, status);
  if (absl::Status st = WriteFileAtomic(out_path, output); !st.ok()) return st;
  return 0;
}

absl::StatusOr<int> RunRedact(const Invocation& in) {
  std::optional<std::string> out_path = in.args.Get("o");  // "-o OUT"
  if (!out_path) out_path = in.args.Get("output");
  const std::vector<std::string>& files = in.args.positional();
  if (files.size() != 1) return absl::InvalidArgumentError("redact needs exactly one FILE");
  if (!out_path) return absl::InvalidArgumentError("redact needs -o OUT");
  const std::string& path = files[0];
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  absl::StatusOr<std::string> bytes = ReadAll(file, kMaxStdinBytes, path);
  if (!bytes.ok()) return bytes.status();
  // Scans (PNG, JPEG, TIFF, PDF) go through OCR and pixel redaction; other files must be
  // UTF-8 text.
  static const unsigned char kPng[] = {0x89, 'P', 'N', 'G'};
  bool scan = bytes->rfind("%PDF", 0) == 0 || bytes->rfind("\xFF\xD8\xFF", 0) == 0 ||
              bytes->rfind("II*", 0) == 0 || bytes->rfind("MM", 0) == 0 ||
              bytes->compare(0, 4, reinterpret_cast<const char*>(kPng), 4) == 0;
  if (!in.server.empty()) return RedactRemote(in, *bytes, scan, *out_path);
  redact::Policy policy = redact::Policy::Default();
  if (auto p = in.args.Get("policy")) {
    absl::StatusOr<redact::Policy> loaded = redact::Policy::LoadFile(*p);
    if (!loaded.ok()) return loaded.status();
    policy = *loaded;
  }
  absl::StatusOr<redact::CaseKey> key = KeyFor(in);
  if (!key.ok()) return key.status();
  absl::StatusOr<text::Language> lang =
      redact::ResolveLanguage(in.args.GetOr("lang", "auto"), *bytes);
  if (!lang.ok()) return lang.status();

  if (scan) return RedactScan(in, std::move(*bytes), *out_path, policy, *key);
  static const Analyzer* analyzer = new Analyzer();
  redact::PlaceholderRegistry placeholders;
  absl::StatusOr<redact::TextRedaction> r =
      redact::RedactTextDocument(*analyzer, *bytes, *lang, policy, *key, &placeholders);
  if (!r.ok()) return r.status();
  if (absl::Status st = WriteFileAtomic(*out_path, r->redacted.text); !st.ok()) return st;
  if (auto report = in.args.Get("report")) {
    if (absl::Status st = WriteFileAtomic(*report, r->log.ToJson(policy)); !st.ok()) return st;
  }
  if (in.json) {
    nlohmann::ordered_json out;
    out["output"] = *out_path;
    out["language"] = std::string(text::LanguageCode(*lang));
    out["findings"] = r->findings.size();
    out["redacted"] = r->redacted.items.size();
    std::cout << out.dump() << "\n";
  } else {
    std::cerr << "redacted " << r->redacted.items.size() << " of " << r->findings.size()
              << " findings\n";
  }
  return 0;
}

BAYYINA_COMMAND(kAnalyze,
                {"analyze",
                 "find personal data in text on stdin",
                 "--lang ar|ckb|kmr|en|auto [--json] [--min-score S]",
                 {
                     {"lang", FlagKind::kValue, "L", "language of the text (default auto)"},
                     {"min-score", FlagKind::kValue, "S",
                      "report findings scored at least S (default: the default policy's)"},
                 },
                 &RunAnalyze});

BAYYINA_COMMAND(kRedact,
                {"redact",
                 "redact a scan or document",
                 "FILE --lang L -o OUT [--report LOG.json] [--policy P] [--key-file K]",
                 {
                     {"lang", FlagKind::kValue, "L", "ar, ckb, kmr, en or auto (default auto)"},
                     {"o", FlagKind::kValue, "OUT", "where to write the redacted document"},
                     {"output", FlagKind::kValue, "OUT", "same as -o"},
                     {"report", FlagKind::kValue, "LOG.json", "write the redaction log"},
                     {"policy", FlagKind::kValue, "P", "policy file (default: shipped default)"},
                     {"key-file", FlagKind::kValue, "K",
                      "case key (64 hex, mode 0600); a one-off key when absent"},
                 },
                 &RunRedact});

}  // namespace
}  // namespace bayyina::cli

// `bayyina package create|verify` and `bayyina bag verify`: evidence packages (transfer/).

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/command.h"
#include "nlohmann/json.hpp"
#include "transfer/bag_verifier.h"
#include "transfer/package.h"
#include "transfer/package_verifier.h"

namespace bayyina::cli {
namespace {

using transfer::BagInfo;

absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view what) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return absl::InvalidArgumentError(absl::StrCat("cannot read ", what, " ", path));
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

absl::Status RemoteNotSupported(const Invocation& in) {
  if (in.server.empty()) return absl::OkStatus();
  return absl::UnimplementedError(
      "package commands run embedded; call TransferService directly for remote use");
}

// FILE goes to data/redacted/document-NNN.<ext>; PATH=FILE puts FILE at data/PATH (for OCR,
// translations and logs that belong beside a document).
absl::StatusOr<transfer::PackageFile> FileArgument(const std::string& arg, int index) {
  transfer::PackageFile f;
  size_t eq = arg.find('=');
  if (eq != std::string::npos && eq > 0) {
    f.payload_path = arg.substr(0, eq);
    f.source_file = arg.substr(eq + 1);
  } else {
    f.payload_path = "redacted/" + transfer::NeutralDocumentName(index, arg);
    f.source_file = arg;
  }
  return f;
}

// The CLI parser knows only "--name" flags, so the design's "-o OUT" arrives as two
// positional words; take them out here ("--o OUT" works as well).
std::optional<std::string> TakeOutput(const Invocation& in, std::vector<std::string>* files) {
  std::optional<std::string> out = in.args.Get("o");
  files->clear();
  const auto& pos = in.args.positional();
  for (size_t i = 0; i < pos.size(); ++i) {
    if (pos[i] == "-o" && i + 1 < pos.size() && !out) {
      out = pos[++i];
    } else {
      files->push_back(pos[i]);
    }
  }
  return out;
}

absl::StatusOr<int> RunCreate(const Invocation& in) {
  if (absl::Status s = RemoteNotSupported(in); !s.ok()) return s;
  std::vector<std::string> files;
  auto out = TakeOutput(in, &files);
  auto key = in.args.Get("sign-key");
  auto cert = in.args.Get("sign-cert");
  if (!out || !key || !cert) {
    return absl::InvalidArgumentError("package create needs -o OUT.asice --sign-key KEY --sign-cert CERT");
  }
  if (files.empty()) return absl::InvalidArgumentError("package create needs FILES");
  transfer::PackageRequest req;
  auto key_pem = ReadFile(*key, "--sign-key");
  if (!key_pem.ok()) return key_pem.status();
  req.signing_key_pem = *std::move(key_pem);
  auto cert_pem = ReadFile(*cert, "--sign-cert");
  if (!cert_pem.ok()) return cert_pem.status();
  req.signing_cert_pem = *std::move(cert_pem);
  if (auto chain = in.args.Get("chain")) {
    auto pem = ReadFile(*chain, "--chain");
    if (!pem.ok()) return pem.status();
    req.chain_pem = *std::move(pem);
  }
  if (auto log = in.args.Get("custody-log")) {
    auto text = ReadFile(*log, "--custody-log");
    if (!text.ok()) return text.status();
    req.custody_log = *std::move(text);
  }
  for (const std::string& kv : in.args.GetAll("info")) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return absl::InvalidArgumentError("--info takes KEY=VALUE");
    }
    req.info.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  for (const std::string& r : in.args.GetAll("recipient")) {
    auto pem = ReadFile(r, "--recipient");
    if (!pem.ok()) return pem.status();
    req.encryption.recipient_cert_pems.push_back(*std::move(pem));
  }
  auto volume_mb = in.args.GetInt("volume-mb", 1024, 1, 1 << 20);
  if (!volume_mb.ok()) return volume_mb.status();
  req.encryption.volume_size = static_cast<uint64_t>(*volume_mb) << 20;
  if (in.args.Has("cbc")) req.encryption.kind = transfer::EnvelopeKind::kEnvelopedCbc;
  int index = 0;
  for (const std::string& arg : files) {
    auto f = FileArgument(arg, ++index);
    if (!f.ok()) return f.status();
    req.files.push_back(*std::move(f));
  }
  ShowProgress(in, "package", 0, 1);
  auto summary = transfer::BuildPackage(req, *out);
  if (!summary.ok()) return summary.status();
  ShowProgress(in, "package", 1, 1);
  std::vector<std::string> outputs = summary->volumes;
  if (outputs.empty()) outputs.push_back(*out);
  if (in.json) {
    nlohmann::json j;
    j["outputs"] = outputs;
    j["files"] = summary->payload.size();
    j["payload_bytes"] = summary->payload_bytes;
    j["custody_root"] = summary->custody_root_hex;
    j["signer_fingerprint"] = summary->signer_fingerprint;
    std::cout << j.dump() << "\n";
  } else {
    for (const auto& o : outputs) std::cout << o << "\n";
    std::cout << summary->payload.size() << " files, " << summary->payload_bytes
              << " payload bytes, custody root " << summary->custody_root_hex << "\n";
  }
  return 0;
}

absl::StatusOr<int> RunVerify(const Invocation& in) {
  if (absl::Status s = RemoteNotSupported(in); !s.ok()) return s;
  if (in.args.positional().size() != 1) return absl::InvalidArgumentError("package verify takes one FILE");
  transfer::PackageVerifyOptions o;
  if (auto ca = in.args.Get("ca")) {
    auto pem = ReadFile(*ca, "--ca");
    if (!pem.ok()) return pem.status();
    o.ca_pem = *std::move(pem);
  }
  if (auto key = in.args.Get("decrypt-key")) {
    auto pem = ReadFile(*key, "--decrypt-key");
    if (!pem.ok()) return pem.status();
    o.decrypt_key_pem = *std::move(pem);
  }
  auto v = transfer::VerifyPackage(in.args.positional()[0], o);
  if (!v.ok()) return v.status();
  if (in.json) {
    nlohmann::json j;
    j["ok"] = v->ok;
    j["items"] = nlohmann::json::array();
    for (const auto& i : v->items) {
      j["items"].push_back({{"item", i.item}, {"ok", i.ok}, {"detail", i.detail}});
    }
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    for (const auto& i : v->items) {
      std::cout << (i.ok ? "ok   " : "FAIL ") << i.item << ": " << i.detail << "\n";
    }
    std::cout << (v->ok ? "package verified" : "package NOT verified") << "\n";
  }
  return v->ok ? 0 : 1;
}

absl::StatusOr<int> RunBagVerify(const Invocation& in) {
  if (absl::Status s = RemoteNotSupported(in); !s.ok()) return s;
  if (in.args.positional().size() != 1) return absl::InvalidArgumentError("bag verify takes one DIR");
  transfer::BagReport r = transfer::VerifyBagDirectory(in.args.positional()[0]);
  if (in.json) {
    nlohmann::json j;
    j["valid"] = r.valid;
    j["version"] = r.version;
    j["errors"] = nlohmann::json::array();
    j["warnings"] = nlohmann::json::array();
    for (const auto& e : r.errors) j["errors"].push_back({{"item", e.item}, {"detail", e.detail}});
    for (const auto& w : r.warnings) j["warnings"].push_back({{"item", w.item}, {"detail", w.detail}});
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    for (const auto& e : r.errors) std::cout << "error   " << e.item << ": " << e.detail << "\n";
    for (const auto& w : r.warnings) std::cout << "warning " << w.item << ": " << w.detail << "\n";
    std::cout << (r.valid ? "bag valid" : "bag NOT valid")
              << (r.version.empty() ? "" : " (BagIt " + r.version + ")") << "\n";
  }
  return r.valid ? 0 : 1;
}

BAYYINA_COMMAND(kPackageCreate,
                {"package create",
                 "build a signed evidence package (BagIt in ASiC-E), optionally encrypted",
                 "-o OUT.asice --sign-key KEY.pem --sign-cert CERT.pem [--recipient CERT.pem ...] "
                 "[--info KEY=VALUE ...] FILE|PATH=FILE...",
                 {
                     {"o", FlagKind::kValue, "OUT.asice", "output package (volumes OUT.p7m.NNN when encrypted)"},
                     {"sign-key", FlagKind::kValue, "KEY.pem", "signer's private key (ECDSA P-256 or RSA)"},
                     {"sign-cert", FlagKind::kValue, "CERT.pem", "signer's X.509 certificate"},
                     {"chain", FlagKind::kValue, "PEM", "intermediate certificates to embed"},
                     {"recipient", FlagKind::kRepeated, "CERT.pem", "encrypt to this recipient (repeatable)"},
                     {"volume-mb", FlagKind::kValue, "N", "encrypted volume size in MiB (default 1024)"},
                     {"cbc", FlagKind::kBool, "", "EnvelopedData AES-256-CBC instead of AES-256-GCM"},
                     {"info", FlagKind::kRepeated, "KEY=VALUE",
                      "bag-info field; Case-Reference, Legal-Basis, Sender-Authority, "
                      "Recipient-Authority and Handling-Code (H0-H3) are required"},
                     {"custody-log", FlagKind::kValue, "FILE", "the case's custody log to extend"},
                 },
                 &RunCreate});

BAYYINA_COMMAND(kPackageVerify,
                {"package verify",
                 "verify a package item by item; exit 0 only when everything holds",
                 "FILE [--ca CA.pem] [--decrypt-key KEY.pem]",
                 {
                     {"ca", FlagKind::kValue, "CA.pem", "trust anchors for the signer's certificate"},
                     {"decrypt-key", FlagKind::kValue, "KEY.pem", "recipient key for an encrypted package"},
                 },
                 &RunVerify});

BAYYINA_COMMAND(kBagVerify,
                {"bag verify", "validate a BagIt directory (1.0 and 0.9x); never fetches", "DIR",
                 {},
                 &RunBagVerify});

}  // namespace
}  // namespace bayyina::cli

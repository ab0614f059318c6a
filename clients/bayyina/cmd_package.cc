// `bayyina package create|verify` and `bayyina bag verify`: evidence packages (transfer/).

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <filesystem>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "bayyina/v1/transfer.grpc.pb.h"
#include "clients/cli/command.h"
#include "clients/cli/remote.h"
#include "nlohmann/json.hpp"
#include "transfer/encryption.h"
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

namespace v1 = bayyina::v1;

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

// --server: the same request through TransferService.BuildPackage. The files stream up, the
// package (or its volumes) stream back and are written next to OUT under temporary names,
// renamed only when the call succeeded.
absl::StatusOr<int> RemoteCreate(const Invocation& in, const transfer::PackageRequest& req,
                                 const std::string& out) {
  auto channel = Connect(in);
  if (!channel.ok()) return channel.status();
  auto stub = v1::TransferService::NewStub(*channel);
  grpc::ClientContext context;
  PrepareContext(&context);
  auto stream = stub->BuildPackage(&context);
  v1::BuildPackageRequest msg;
  v1::PackageOptions* o = msg.mutable_options();
  for (const auto& [k, v] : req.info) (*o->mutable_info())[k] = v;
  o->set_signing_key_pem(req.signing_key_pem);
  o->set_signing_cert_pem(req.signing_cert_pem);
  o->set_chain_pem(req.chain_pem);
  o->set_tsa_url(req.tsa.url);
  o->set_custody_log(req.custody_log);
  for (const auto& pem : req.encryption.recipient_cert_pems) o->add_recipient_cert_pem(pem);
  o->set_volume_size(static_cast<int64_t>(req.encryption.volume_size));
  o->set_legacy_cbc(req.encryption.kind == transfer::EnvelopeKind::kEnvelopedCbc);
  bool sent = stream->Write(msg);
  for (const transfer::PackageFile& f : req.files) {
    std::error_code ec;
    uintmax_t size = std::filesystem::file_size(f.source_file, ec);
    if (ec) return absl::NotFoundError("cannot read " + f.source_file);
    msg.Clear();
    msg.mutable_file()->set_path(f.payload_path);
    msg.mutable_file()->mutable_upload()->set_size(static_cast<int64_t>(size));
    sent = sent && stream->Write(msg);
    if (!sent) break;
    absl::Status s = StreamFile<v1::BuildPackageRequest>(
        f.source_file, stream.get(), [](absl::string_view chunk) {
          v1::BuildPackageRequest r;
          r.mutable_chunk()->set_data(chunk.data(), chunk.size());
          return r;
        });
    if (!s.ok()) {
      if (!absl::IsUnavailable(s)) return s;
      break;  // the server ended the call; its status says why
    }
  }
  stream->WritesDone();
  std::vector<std::pair<std::string, std::string>> written;  // temporary -> final
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
  v1::BuildPackageResponse resp;
  absl::Status local;
  while (stream->Read(&resp)) {
    if (resp.payload_case() == v1::BuildPackageResponse::kVolume) {
      // "package.asice" or "package.asice.p7m.001": keep the suffix after the base name.
      std::string suffix = resp.volume().substr(std::min<size_t>(resp.volume().size(), 13));
      if (resp.volume().rfind("package.asice", 0) != 0 ||
          (!suffix.empty() && suffix.rfind(".p7m.", 0) != 0)) {
        local = absl::DataLossError("the server named an unexpected output");
        break;
      }
      written.emplace_back(out + suffix + ".partial", out + suffix);
      file.reset(std::fopen(written.back().first.c_str(), "wb"));
      if (!file) {
        local = absl::PermissionDeniedError("cannot write " + written.back().second);
        break;
      }
    } else if (resp.has_chunk() && file) {
      const std::string& d = resp.chunk().data();
      if (std::fwrite(d.data(), 1, d.size(), file.get()) != d.size()) {
        local = absl::DataLossError("cannot write " + written.back().second);
        break;
      }
    }
  }
  if (file && std::fflush(file.get()) != 0) local = absl::DataLossError("cannot write the package");
  file.reset();
  grpc::Status status = stream->Finish();
  if (local.ok() && !status.ok()) local = RemoteStatus(in, status);
  if (local.ok() && written.empty()) local = absl::DataLossError("the server sent no package");
  for (const auto& [tmp, final_name] : written) {
    if (local.ok() && std::rename(tmp.c_str(), final_name.c_str()) != 0) {
      local = absl::PermissionDeniedError("cannot rename to " + final_name);
    }
    std::remove(tmp.c_str());
  }
  if (!local.ok()) return local;
  for (const auto& w : written) std::cout << w.second << "\n";
  return 0;
}

// --server: streams the package (or each volume after its name) to TransferService.
absl::StatusOr<transfer::PackageVerification> RemoteVerify(const Invocation& in,
                                                           const transfer::PackageVerifyOptions& o,
                                                           const std::string& path) {
  std::vector<std::string> volumes;
  if (absl::StrContains(path, ".p7m.") || transfer::LooksLikeCmsEnvelope(path)) {
    auto found = transfer::FindVolumes(path);
    if (!found.ok()) return found.status();
    volumes = *std::move(found);
  }
  auto channel = Connect(in);
  if (!channel.ok()) return channel.status();
  auto stub = v1::TransferService::NewStub(*channel);
  grpc::ClientContext context;
  PrepareContext(&context);
  v1::VerifyPackageResponse resp;
  auto writer = stub->VerifyPackage(&context, &resp);
  v1::VerifyPackageRequest msg;
  msg.mutable_options()->set_ca_pem(o.ca_pem);
  msg.mutable_options()->set_decrypt_key_pem(o.decrypt_key_pem);
  msg.mutable_options()->set_tsa_ca_pem(o.tsa_ca_pem);
  bool ok = writer->Write(msg);
  auto chunk = [](absl::string_view c) {
    v1::VerifyPackageRequest r;
    r.mutable_chunk()->set_data(c.data(), c.size());
    return r;
  };
  if (volumes.empty()) {
    absl::Status s = StreamFile<v1::VerifyPackageRequest>(path, writer.get(), chunk);
    if (!s.ok() && !absl::IsUnavailable(s)) return s;
  } else {
    for (const std::string& v : volumes) {
      msg.Clear();
      msg.set_volume(std::filesystem::path(v).filename().string());
      if (!ok || !(ok = writer->Write(msg))) break;
      absl::Status s = StreamFile<v1::VerifyPackageRequest>(v, writer.get(), chunk);
      if (!s.ok() && !absl::IsUnavailable(s)) return s;
    }
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok()) return RemoteStatus(in, status);
  transfer::PackageVerification out;
  out.ok = resp.ok();
  for (const auto& i : resp.items()) out.items.push_back({i.item(), i.ok(), i.detail()});
  return out;
}

absl::StatusOr<int> RunCreate(const Invocation& in) {
  const std::vector<std::string>& files = in.args.positional();
  const std::optional<std::string> out = in.args.Get("o");  // "-o OUT"
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
  if (auto tsa = in.args.Get("tsa-url")) req.tsa.url = *tsa;
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
  if (!in.server.empty()) return RemoteCreate(in, req, *out);
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
  if (in.args.positional().size() != 1) return absl::InvalidArgumentError("package verify takes one FILE");
  transfer::PackageVerifyOptions o;
  if (auto ca = in.args.Get("ca")) {
    auto pem = ReadFile(*ca, "--ca");
    if (!pem.ok()) return pem.status();
    o.ca_pem = *std::move(pem);
  }
  if (auto tsa_ca = in.args.Get("tsa-ca")) {
    auto pem = ReadFile(*tsa_ca, "--tsa-ca");
    if (!pem.ok()) return pem.status();
    o.tsa_ca_pem = *std::move(pem);
  }
  if (auto key = in.args.Get("decrypt-key")) {
    auto pem = ReadFile(*key, "--decrypt-key");
    if (!pem.ok()) return pem.status();
    o.decrypt_key_pem = *std::move(pem);
  }
  absl::StatusOr<transfer::PackageVerification> v =
      in.server.empty() ? transfer::VerifyPackage(in.args.positional()[0], o)
                        : RemoteVerify(in, o, in.args.positional()[0]);
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
  // A bag is a local directory: it is always checked here, even with --server.
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
                 "[--info KEY=VALUE ...] [--tsa-url URL] FILE|PATH=FILE...",
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
                     {"tsa-url", FlagKind::kValue, "URL",
                      "RFC 3161 time-stamping authority (http://...) for a signature timestamp"},
                 },
                 &RunCreate});

BAYYINA_COMMAND(kPackageVerify,
                {"package verify",
                 "verify a package item by item; exit 0 only when everything holds",
                 "FILE [--ca CA.pem] [--tsa-ca CA.pem] [--decrypt-key KEY.pem]",
                 {
                     {"ca", FlagKind::kValue, "CA.pem", "trust anchors for the signer's certificate"},
                     {"tsa-ca", FlagKind::kValue, "CA.pem",
                      "trust anchors for a signature timestamp's TSA (default: --ca)"},
                     {"decrypt-key", FlagKind::kValue, "KEY.pem", "recipient key for an encrypted package"},
                 },
                 &RunVerify});

BAYYINA_COMMAND(kBagVerify,
                {"bag verify", "validate a BagIt directory (1.0 and 0.9x); never fetches", "DIR",
                 {},
                 &RunBagVerify});

}  // namespace
}  // namespace bayyina::cli

#include "transfer/bagit.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "transfer/path_safety.h"

namespace bayyina::transfer {
namespace fs = std::filesystem;
namespace {

std::string EncodeManifestPath(absl::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\n') {
      out += "%0A";
    } else if (c == '\r') {
      out += "%0D";
    } else {
      out += c;
    }
  }
  return out;
}

absl::Status WriteFile(const std::string& path, absl::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return absl::DataLossError("cannot write bag file");
  return absl::OkStatus();
}

BagEntry EntryFor(absl::string_view path, absl::string_view content) {
  DualHasher h(/*parallel=*/false);
  h.Update(content);
  Sha256Digest d256;
  Sha512Digest d512;
  h.Finish(&d256, &d512);
  return BagEntry{std::string(path), HexEncode(d256), HexEncode(d512), content.size()};
}

}  // namespace

std::string FormatBagitTxt() { return "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"; }

std::string FormatManifest(const std::vector<BagEntry>& entries, absl::string_view algorithm) {
  std::vector<const BagEntry*> sorted;
  for (const auto& e : entries) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(),
            [](const BagEntry* a, const BagEntry* b) { return a->path < b->path; });
  std::string out;
  for (const BagEntry* e : sorted) {
    absl::StrAppend(&out, algorithm == "sha512" ? e->sha512_hex : e->sha256_hex, "  ",
                    EncodeManifestPath(e->path), "\n");
  }
  return out;
}

absl::StatusOr<std::string> FormatBagInfo(const BagInfo& info) {
  std::string out;
  for (const auto& [label, value] : info) {
    if (label.empty() || label.find(':') != std::string::npos ||
        absl::ascii_isspace(label.front()) || absl::ascii_isspace(label.back())) {
      return absl::InvalidArgumentError("bag-info label is empty, has ':' or edge whitespace");
    }
    for (unsigned char c : label + value) {
      if (c == '\r' || c == '\n') {
        return absl::InvalidArgumentError("bag-info label or value holds a line break");
      }
      if (c < 0x20 && c != '\t') {
        return absl::InvalidArgumentError("bag-info label or value holds a control character");
      }
    }
    absl::StrAppend(&out, label, ": ", value, "\n");
  }
  return out;
}

std::string PayloadOxum(const std::vector<BagEntry>& payload) {
  uint64_t octets = 0;
  for (const auto& e : payload) octets += e.size;
  return absl::StrCat(octets, ".", payload.size());
}

absl::StatusOr<BagDirWriter> BagDirWriter::Create(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return absl::AlreadyExistsError("bag directory exists and is not empty");
  }
  fs::create_directories(fs::path(dir) / "data", ec);
  if (ec) return absl::PermissionDeniedError("cannot create bag directory");
  BagDirWriter w;
  w.dir_ = dir;
  return w;
}

absl::StatusOr<std::string> BagDirWriter::Prepare(absl::string_view payload_path) {
  absl::Status s = CheckSafeRelativePath(payload_path);
  if (!s.ok()) return s;
  std::string rel = absl::StrCat("data/", payload_path);
  for (const auto& e : payload_) {
    if (e.path == rel) return absl::AlreadyExistsError("payload path added twice");
  }
  fs::path target = fs::path(dir_) / rel;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return absl::PermissionDeniedError("cannot create payload directory");
  return rel;
}

absl::Status BagDirWriter::AddFile(absl::string_view payload_path, const std::string& source_file) {
  absl::StatusOr<std::string> rel = Prepare(payload_path);
  if (!rel.ok()) return rel.status();
  std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(source_file.c_str(), "rb"), &std::fclose);
  if (!in) return absl::NotFoundError("cannot open payload source file");
  std::string target = (fs::path(dir_) / *rel).string();
  std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(target.c_str(), "wb"), &std::fclose);
  if (!out) return absl::PermissionDeniedError("cannot create payload file");
  DualHasher h;
  std::vector<char> buf(1 << 20);
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), in.get())) > 0) {
    h.Update(absl::string_view(buf.data(), n));
    if (std::fwrite(buf.data(), 1, n, out.get()) != n) {
      return absl::DataLossError("cannot write payload file");
    }
  }
  if (std::ferror(in.get())) return absl::DataLossError("read error on payload source file");
  if (std::fflush(out.get()) != 0) return absl::DataLossError("cannot write payload file");
  Sha256Digest d256;
  Sha512Digest d512;
  h.Finish(&d256, &d512);
  payload_.push_back(BagEntry{*rel, HexEncode(d256), HexEncode(d512), h.bytes()});
  return absl::OkStatus();
}

absl::Status BagDirWriter::AddBytes(absl::string_view payload_path, absl::string_view bytes) {
  absl::StatusOr<std::string> rel = Prepare(payload_path);
  if (!rel.ok()) return rel.status();
  absl::Status s = WriteFile((fs::path(dir_) / *rel).string(), bytes);
  if (!s.ok()) return s;
  payload_.push_back(EntryFor(*rel, bytes));
  return absl::OkStatus();
}

absl::Status BagDirWriter::WriteTag(const std::string& name, absl::string_view content,
                                    std::vector<BagEntry>* tags) {
  absl::Status s = WriteFile((fs::path(dir_) / name).string(), content);
  if (s.ok()) tags->push_back(EntryFor(name, content));
  return s;
}

absl::Status BagDirWriter::Finish(const BagInfo& info) {
  BagInfo full = info;
  auto has = [&](absl::string_view label) {
    return std::any_of(full.begin(), full.end(), [&](const auto& kv) {
      return absl::EqualsIgnoreCase(kv.first, label);
    });
  };
  if (!has("Bagging-Date")) {
    full.emplace_back("Bagging-Date", absl::FormatTime("%Y-%m-%d", absl::Now(), absl::UTCTimeZone()));
  }
  if (!has("Payload-Oxum")) full.emplace_back("Payload-Oxum", PayloadOxum(payload_));
  absl::StatusOr<std::string> bag_info = FormatBagInfo(full);
  if (!bag_info.ok()) return bag_info.status();
  std::vector<BagEntry> tags;
  absl::Status s;
  for (absl::Status step : {WriteTag("bagit.txt", FormatBagitTxt(), &tags),
                            WriteTag("bag-info.txt", *bag_info, &tags),
                            WriteTag("manifest-sha256.txt", FormatManifest(payload_, "sha256"), &tags),
                            WriteTag("manifest-sha512.txt", FormatManifest(payload_, "sha512"), &tags)}) {
    if (!step.ok()) return step;
  }
  s = WriteFile((fs::path(dir_) / "tagmanifest-sha256.txt").string(), FormatManifest(tags, "sha256"));
  if (!s.ok()) return s;
  return WriteFile((fs::path(dir_) / "tagmanifest-sha512.txt").string(), FormatManifest(tags, "sha512"));
}

}  // namespace bayyina::transfer

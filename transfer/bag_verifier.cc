#include "transfer/bag_verifier.h"

#include <openssl/evp.h>
#include <sys/stat.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "transfer/digest.h"
#include "transfer/path_safety.h"

namespace bayyina::transfer {
namespace fs = std::filesystem;
namespace {

constexpr uint64_t kMaxTagFile = 256ull << 20;

class DirFiles : public BagFiles {
 public:
  explicit DirFiles(std::string dir) : dir_(std::move(dir)) {}

  absl::StatusOr<std::vector<Entry>> List() override {
    std::vector<Entry> out;
    std::error_code ec;
    if (!fs::is_directory(dir_, ec)) return absl::NotFoundError("bag directory not found");
    fs::recursive_directory_iterator it(dir_, fs::directory_options::none, ec), end;
    if (ec) return absl::PermissionDeniedError("cannot read bag directory");
    for (; it != end; it.increment(ec)) {
      if (ec) return absl::PermissionDeniedError("cannot read bag directory");
      fs::file_status st = it->symlink_status(ec);
      if (fs::is_directory(st)) continue;
      Entry e;
      e.path = it->path().lexically_relative(dir_).generic_string();
      e.regular = fs::is_regular_file(st);
      e.size = e.regular ? it->file_size(ec) : 0;
      out.push_back(std::move(e));
    }
    return out;
  }

  absl::Status Read(const std::string& path,
                    const std::function<void(absl::string_view)>& sink) override {
    std::string full = (fs::path(dir_) / path).string();
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(full.c_str(), "rb"), &std::fclose);
    if (!f) return absl::NotFoundError("cannot open");
    std::vector<char> buf(1 << 20);
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
      sink(absl::string_view(buf.data(), n));
    }
    if (std::ferror(f.get())) return absl::DataLossError("read error");
    return absl::OkStatus();
  }

 private:
  std::string dir_;
};

bool IsUtf8(absl::string_view s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// Splits on LF, CRLF or CR. A final line break does not make an empty last line.
std::vector<std::string> SplitLines(absl::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\r' || c == '\n') {
      out.push_back(std::move(cur));
      cur.clear();
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// Normalization- and case-insensitive key: two manifest paths with the same key name the same
// file on macOS or Windows file systems, where such bags are usually made.
std::string FoldKey(absl::string_view path) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(path.data(), path.size()));
  if (U_SUCCESS(status)) {
    icu::UnicodeString n = nfc->normalize(u, status);
    if (U_SUCCESS(status)) u = n;
  }
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsOsMetadataName(absl::string_view path) {
  absl::string_view base = path.substr(path.rfind('/') + 1);
  return base == ".DS_Store" || base == "Thumbs.db" || base == "desktop.ini" ||
         absl::StartsWith(base, "._");
}

struct ManifestLine {
  std::string checksum;  // lower case
  std::string path;
};

struct Manifest {
  std::string file;  // e.g. "manifest-sha256.txt"
  std::string algorithm;
  bool tag = false;
  std::vector<ManifestLine> lines;
};

class Verifier {
 public:
  explicit Verifier(BagFiles& files) : files_(files) {}

  BagReport Run() {
    absl::StatusOr<std::vector<BagFiles::Entry>> listed = files_.List();
    if (!listed.ok()) {
      Error("bag", std::string(listed.status().message()));
      return Finish();
    }
    for (auto& e : *listed) {
      if (!e.regular) {
        Error(e.path, "not a regular file (symlink or special file); not followed");
        continue;
      }
      present_[e.path] = e.size;
    }
    if (!ReadBagitTxt()) return Finish();
    ReadBagInfo();
    ReadManifests();
    ReadFetch();
    CheckPayload();
    CheckTagManifests();
    return Finish();
  }

 private:
  void Error(const std::string& item, std::string detail) {
    report_.errors.push_back({item, std::move(detail)});
  }
  void Warn(const std::string& item, std::string detail) {
    report_.warnings.push_back({item, std::move(detail)});
  }

  BagReport Finish() {
    report_.valid = report_.errors.empty();
    return std::move(report_);
  }

  absl::StatusOr<std::string> ReadWhole(const std::string& path) {
    auto it = present_.find(path);
    if (it == present_.end()) return absl::NotFoundError("missing");
    if (it->second > kMaxTagFile) return absl::ResourceExhaustedError("tag file too large");
    std::string out;
    absl::Status s = files_.Read(path, [&](absl::string_view c) { out.append(c.data(), c.size()); });
    if (!s.ok()) return s;
    report_.sha256[path] = Sha256Hex(out);
    return out;
  }

  // Decodes a tag file from the bag's declared encoding to UTF-8.
  absl::StatusOr<std::string> Decode(const std::string& item, absl::string_view raw) {
    if (absl::EqualsIgnoreCase(encoding_, "UTF-8")) {
      if (absl::StartsWith(raw, "\xEF\xBB\xBF")) {
        Warn(item, "starts with a byte order mark");
        raw.remove_prefix(3);
      }
      if (!IsUtf8(raw)) return absl::DataLossError("not valid UTF-8");
      return std::string(raw);
    }
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open(encoding_.c_str(), &status);
    if (U_FAILURE(status)) return absl::InvalidArgumentError("unsupported tag file encoding");
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    icu::UnicodeString u(raw.data(), static_cast<int32_t>(raw.size()), conv, status);
    ucnv_close(conv);
    if (U_FAILURE(status)) return absl::DataLossError("not valid in the declared encoding");
    std::string out;
    u.toUTF8String(out);
    if (absl::StartsWith(out, "\xEF\xBB\xBF")) out.erase(0, 3);  // UTF-16/32 BOMs decode to U+FEFF
    return out;
  }

  bool ReadBagitTxt() {
    absl::StatusOr<std::string> raw = ReadWhole("bagit.txt");
    if (!raw.ok()) {
      Error("bagit.txt", "missing: not a bag");
      return false;
    }
    if (absl::StartsWith(*raw, "\xEF\xBB\xBF")) {
      Error("bagit.txt", "starts with a byte order mark (RFC 8493 forbids it)");
      return false;
    }
    if (!IsUtf8(*raw)) {
      Error("bagit.txt", "not UTF-8");
      return false;
    }
    std::vector<std::string> lines = SplitLines(*raw);
    if (lines.size() != 2) {
      Error("bagit.txt", "must hold exactly two lines: BagIt-Version and Tag-File-Character-Encoding");
      return false;
    }
    auto field = [&](const std::string& line, absl::string_view label, std::string* value) {
      std::string prefix = absl::StrCat(label, ": ");
      if (!absl::StartsWith(line, prefix)) return false;
      *value = line.substr(prefix.size());
      return !value->empty() && !absl::ascii_isspace(value->front()) &&
             !absl::ascii_isspace(value->back());
    };
    if (!field(lines[0], "BagIt-Version", &report_.version)) {
      Error("bagit.txt", "first line is not 'BagIt-Version: M.N'");
      return false;
    }
    std::vector<absl::string_view> parts = absl::StrSplit(report_.version, '.');
    int major = 0, minor = 0;
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty() ||
        !std::all_of(report_.version.begin(), report_.version.end(),
                     [](char c) { return absl::ascii_isdigit(c) || c == '.'; }) ||
        !absl::SimpleAtoi(parts[0], &major) || !absl::SimpleAtoi(parts[1], &minor)) {
      Error("bagit.txt", "BagIt-Version is not of the form M.N");
      return false;
    }
    if (!(major == 1 && minor == 0) && !(major == 0 && minor >= 93 && minor <= 97)) {
      Error("bagit.txt", absl::StrCat("unsupported BagIt version ", report_.version));
      return false;
    }
    v1_ = major >= 1;
    if (!field(lines[1], "Tag-File-Character-Encoding", &encoding_)) {
      Error("bagit.txt", "second line is not 'Tag-File-Character-Encoding: ENCODING'");
      return false;
    }
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open(encoding_.c_str(), &status);
    if (conv) ucnv_close(conv);
    if (U_FAILURE(status)) {
      Error("bagit.txt", "unknown Tag-File-Character-Encoding");
      return false;
    }
    return true;
  }

  void ReadBagInfo() {
    if (!present_.count("bag-info.txt")) return;  // optional
    absl::StatusOr<std::string> raw = ReadWhole("bag-info.txt");
    absl::StatusOr<std::string> text = raw.ok() ? Decode("bag-info.txt", *raw) : raw.status();
    if (!text.ok()) {
      Error("bag-info.txt", std::string(text.status().message()));
      return;
    }
    for (const std::string& line : SplitLines(*text)) {
      if (line.empty()) continue;
      if (line[0] == ' ' || line[0] == '\t') {
        if (report_.info.empty()) {
          Error("bag-info.txt", "continuation line before any label");
          return;
        }
        report_.info.back().second += " " + std::string(absl::StripAsciiWhitespace(line));
        continue;
      }
      size_t colon = line.find(':');
      if (colon == std::string::npos || colon == 0) {
        Error("bag-info.txt", "a line is neither 'Label: value' nor a continuation");
        return;
      }
      std::string label = line.substr(0, colon);
      if (absl::ascii_isspace(label.back())) {
        Warn("bag-info.txt", "whitespace before ':' in a label");
      }
      report_.info.emplace_back(std::string(absl::StripAsciiWhitespace(label)),
                                std::string(absl::StripAsciiWhitespace(line.substr(colon + 1))));
    }
  }

  // Undoes md5sum's binary marker and "./", percent-decodes (1.0) and checks safety. Returns
  // false (after reporting) when the path must be refused.
  bool CleanPath(const std::string& item, std::string* path) {
    if (absl::StartsWith(*path, "*")) {
      Warn(item, "md5sum-style '*' before a path");
      path->erase(0, 1);
    }
    while (absl::StartsWith(*path, "./")) {
      Warn(item, "'./' before a path");
      path->erase(0, 2);
    }
    if (v1_) {
      std::string out;
      for (size_t i = 0; i < path->size(); ++i) {
        std::string code = i + 2 < path->size() ? absl::AsciiStrToUpper(path->substr(i, 3)) : "";
        if (code == "%0A") {
          out += '\n';
          i += 2;
        } else if (code == "%0D") {
          out += '\r';
          i += 2;
        } else if (code == "%25") {
          out += '%';
          i += 2;
        } else {
          out += (*path)[i];
        }
      }
      *path = out;
    }
    // Line breaks are legal in names once decoded; the other rules still apply.
    std::string probe = *path;
    std::replace(probe.begin(), probe.end(), '\n', '_');
    std::replace(probe.begin(), probe.end(), '\r', '_');
    absl::Status s = CheckSafeRelativePath(probe);
    if (!s.ok()) {
      Error(item, absl::StrCat("path out of the bag refused (", s.message(), ")"));
      return false;
    }
    return true;
  }

  void ReadManifests() {
    std::vector<std::string> names;
    for (const auto& [path, size] : present_) {
      if (path.find('/') != std::string::npos) continue;
      if ((absl::StartsWith(path, "manifest-") || absl::StartsWith(path, "tagmanifest-")) &&
          absl::EndsWith(path, ".txt")) {
        names.push_back(path);
      }
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      Manifest m;
      m.file = name;
      m.tag = absl::StartsWith(name, "tagmanifest-");
      m.algorithm = name.substr(name.find('-') + 1, name.size() - name.find('-') - 5);
      const EVP_MD* md = EVP_get_digestbyname(m.algorithm.c_str());
      static const std::set<std::string> kKnown = {"md5", "sha1", "sha224", "sha256", "sha384",
                                                   "sha512"};
      if (md == nullptr || !kKnown.count(m.algorithm)) {
        Warn(name, "unsupported checksum algorithm; not checked");
        continue;
      }
      size_t hex_len = 2 * static_cast<size_t>(EVP_MD_get_size(md));
      if (m.algorithm == "md5" || m.algorithm == "sha1") {
        Warn(name, "weak checksum algorithm");
      }
      absl::StatusOr<std::string> raw = ReadWhole(name);
      absl::StatusOr<std::string> text = raw.ok() ? Decode(name, *raw) : raw.status();
      if (!text.ok()) {
        Error(name, std::string(text.status().message()));
        continue;
      }
      std::map<std::string, std::string> seen;
      for (const std::string& line : SplitLines(*text)) {
        if (absl::StripAsciiWhitespace(line).empty()) continue;
        size_t sep = line.find_first_of(" \t");
        size_t start = sep == std::string::npos ? sep : line.find_first_not_of(" \t", sep);
        if (start == std::string::npos) {
          Error(name, "a line lacks 'checksum path'");
          continue;
        }
        ManifestLine ml{absl::AsciiStrToLower(line.substr(0, sep)), line.substr(start)};
        if (ml.checksum.size() != hex_len ||
            !std::all_of(ml.checksum.begin(), ml.checksum.end(), absl::ascii_isxdigit)) {
          Error(name, absl::StrCat("a checksum is not ", m.algorithm, " hex"));
          continue;
        }
        if (!CleanPath(name, &ml.path)) {
          continue;
        }
        if (m.tag == absl::StartsWith(ml.path, "data/")) {
          Error(name, m.tag ? "tag manifest lists a payload file"
                            : "payload manifest lists a file outside data/");
          continue;
        }
        auto [it, inserted] = seen.emplace(ml.path, ml.checksum);
        if (!inserted) {
          if (v1_ || it->second != ml.checksum) {
            Error(ml.path, absl::StrCat("listed twice in ", name,
                                        it->second == ml.checksum ? "" : " with different checksums"));
            } else {
            Warn(ml.path, absl::StrCat("listed twice in ", name, " with the same checksum"));
          }
          continue;
        }
        m.lines.push_back(std::move(ml));
      }
      (m.tag ? tag_manifests_ : payload_manifests_).push_back(std::move(m));
    }
    if (payload_manifests_.empty()) Error("bag", "no payload manifest with a supported algorithm");
  }

  void ReadFetch() {
    if (!present_.count("fetch.txt")) return;
    absl::StatusOr<std::string> raw = ReadWhole("fetch.txt");
    absl::StatusOr<std::string> text = raw.ok() ? Decode("fetch.txt", *raw) : raw.status();
    if (!text.ok()) {
      Error("fetch.txt", std::string(text.status().message()));
      return;
    }
    for (const std::string& line : SplitLines(*text)) {
      if (absl::StripAsciiWhitespace(line).empty()) continue;
      std::vector<std::string> f = absl::StrSplit(line, absl::MaxSplits(absl::ByAnyChar(" \t"), 2),
                                                  absl::SkipEmpty());
      if (f.size() != 3 || f[0].find("://") == std::string::npos ||
          !(f[1] == "-" || std::all_of(f[1].begin(), f[1].end(), absl::ascii_isdigit))) {
        Error("fetch.txt", "a line is not 'URL LENGTH PATH'");
        continue;
      }
      std::string path = f[2];
      if (!CleanPath("fetch.txt", &path)) continue;
      if (!absl::StartsWith(path, "data/")) {
        Error("fetch.txt", "lists a file outside data/");
        continue;
      }
      fetch_.insert(path);
    }
  }

  void CheckPayload() {
    std::vector<std::string> algorithms = {"sha256"};
    for (const auto& m : payload_manifests_) {
      if (std::find(algorithms.begin(), algorithms.end(), m.algorithm) == algorithms.end()) {
        algorithms.push_back(m.algorithm);
      }
    }
    // path -> digests in `algorithms` order, for files present.
    std::map<std::string, std::vector<std::string>> computed;
    uint64_t octets = 0, count = 0;
    for (const auto& [path, size] : present_) {
      if (!absl::StartsWith(path, "data/")) continue;
      absl::StatusOr<std::unique_ptr<MultiHasher>> h = MultiHasher::Create(algorithms);
      if (!h.ok()) {
        Error(path, std::string(h.status().message()));
        continue;
      }
      uint64_t read = 0;
      absl::Status s = files_.Read(path, [&](absl::string_view c) {
        read += c.size();
        (*h)->Update(c);
      });
      if (!s.ok()) {
        Error(path, absl::StrCat("cannot read: ", s.message()));
        continue;
      }
      computed[path] = (*h)->FinishHex();
      report_.sha256[path] = computed[path][0];
      report_.payload_bytes += read;
      octets += read;
      ++count;
    }
    auto digest_of = [&](const std::string& path, const std::string& alg) -> const std::string* {
      auto it = computed.find(path);
      if (it == computed.end()) return nullptr;
      size_t i = std::find(algorithms.begin(), algorithms.end(), alg) - algorithms.begin();
      return &it->second[i];
    };
    // Every present payload file must be in every payload manifest.
    for (const auto& m : payload_manifests_) {
      absl::flat_hash_set<std::string> listed;
      for (const auto& l : m.lines) listed.insert(l.path);
      for (const auto& [path, digests] : computed) {
        if (!listed.count(path)) Error(path, absl::StrCat("present but not listed in ", m.file));
      }
    }
    // Fold keys of files present, to recognise entries listed twice under another form.
    std::map<std::string, std::string> folded;
    for (const auto& [path, digests] : computed) folded.emplace(FoldKey(path), path);
    std::set<std::string> tolerated_empty;
    for (const auto& m : payload_manifests_) {
      for (const auto& l : m.lines) {
        const std::string* got = digest_of(l.path, m.algorithm);
        if (got != nullptr) {
          if (*got != l.checksum) Error(l.path, absl::StrCat(m.algorithm, " mismatch (", m.file, ")"));
          continue;
        }
        auto alias = folded.find(FoldKey(l.path));
        if (alias != folded.end() && *digest_of(alias->second, m.algorithm) == l.checksum) {
          Warn(l.path, absl::StrCat("listed in ", m.file,
                                    " under a different case or Unicode normalization of a present file"));
          continue;
        }
        if (fetch_.count(l.path)) {
          Error(l.path, "listed in fetch.txt but not present: the bag is incomplete (never fetched)");
          continue;
        }
        absl::StatusOr<std::unique_ptr<MultiHasher>> empty = MultiHasher::Create({m.algorithm});
        if (IsOsMetadataName(l.path) && empty.ok() && (*empty)->FinishHex()[0] == l.checksum) {
          // Archivers and VCSs drop empty OS metadata files; their absence loses no content.
          Warn(l.path, "empty operating-system metadata file listed but absent");
          tolerated_empty.insert(l.path);
          continue;
        }
        Error(l.path, absl::StrCat("listed in ", m.file, " but missing"));
      }
    }
    for (const std::string& f : fetch_) {
      if (!present_.count(f) && !std::any_of(payload_manifests_.begin(), payload_manifests_.end(),
                                             [&](const Manifest& m) {
                                               return std::any_of(m.lines.begin(), m.lines.end(),
                                                                  [&](const ManifestLine& l) {
                                                                    return l.path == f;
                                                                  });
                                             })) {
        Error(f, "listed in fetch.txt but in no payload manifest");
      }
    }
    for (const auto& [label, value] : report_.info) {
      if (!absl::EqualsIgnoreCase(label, "Payload-Oxum")) continue;
      std::string expected = absl::StrCat(octets, ".", count + tolerated_empty.size());
      if (value != expected) {
        Error("bag-info.txt", absl::StrCat("Payload-Oxum ", value, " does not match the payload (",
                                           expected, ")"));
      }
      break;
    }
    if (count == 0 && payload_manifests_.empty()) Warn("data", "no payload");
  }

  void CheckTagManifests() {
    for (const auto& m : tag_manifests_) {
      for (const auto& l : m.lines) {
        if (!present_.count(l.path)) {
          Error(l.path, absl::StrCat("listed in ", m.file, " but missing"));
          continue;
        }
        absl::StatusOr<std::unique_ptr<MultiHasher>> h = MultiHasher::Create({m.algorithm});
        absl::Status s = files_.Read(l.path, [&](absl::string_view c) { (*h)->Update(c); });
        if (!s.ok()) {
          Error(l.path, "cannot read");
          continue;
        }
        if ((*h)->FinishHex()[0] != l.checksum) {
          Error(l.path, absl::StrCat(m.algorithm, " mismatch (", m.file, ")"));
        }
      }
    }
  }

  BagFiles& files_;
  BagReport report_;
  std::map<std::string, uint64_t> present_;
  std::string encoding_;
  bool v1_ = true;
  std::vector<Manifest> payload_manifests_, tag_manifests_;
  std::set<std::string> fetch_;
};

}  // namespace

std::unique_ptr<BagFiles> DirectoryBagFiles(const std::string& dir) {
  return std::make_unique<DirFiles>(dir);
}

BagReport VerifyBag(BagFiles& files) { return Verifier(files).Run(); }

BagReport VerifyBagDirectory(const std::string& dir) {
  std::unique_ptr<BagFiles> files = DirectoryBagFiles(dir);
  return VerifyBag(*files);
}

}  // namespace bayyina::transfer

#include "transfer/package.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "transfer/asic_manifest.h"
#include "transfer/cms_signer.h"
#include "transfer/custody_log.h"
#include "transfer/digest.h"
#include "transfer/path_safety.h"
#include "transfer/provenance.h"
#include "transfer/read_ahead.h"
#include "transfer/transmittal_report.h"

namespace bayyina::transfer {
namespace {

constexpr size_t kChunk = 1 << 20;
constexpr uint64_t kMaxRedactionLog = 16 << 20;  // kept in memory for counting

absl::string_view Extension(absl::string_view path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == absl::string_view::npos || (slash != absl::string_view::npos && dot < slash)) {
    return "";
  }
  return path.substr(dot + 1);
}

// One ZIP entry whose bytes libzip pulls through Callback() during zip_close(). Payload
// entries come from the ReadAheadHasher, which reads and hashes them ahead of libzip;
// generated entries produce their content on first use, which libzip reaches only after every
// earlier entry has been written, so manifests, logs and the signature can depend on the
// digests of everything before them.
class Entry {
 public:
  std::string name;  // ZIP entry name
  bool payload = false;
  // Payload: the file (or `content`, when given as bytes) is source `source_index` of
  // `reader`. Generated: `generate` fills `content`.
  std::string source_file;
  size_t source_index = 0;
  ReadAheadHasher* reader = nullptr;
  std::function<absl::StatusOr<std::string>()> generate;
  std::optional<std::string> content;  // bytes given up front, or generated

  uint64_t expected_size = 0;  // for source files, from stat() before packing
  bool keep_bytes = false;     // keep the streamed bytes (small redaction logs)
  std::string kept;

  // Results, valid once `done` (for payload, set by the builder from the reader's digests).
  bool done = false;
  std::string sha256_hex, sha512_hex;
  uint64_t size = 0;

  absl::Status* first_error = nullptr;

  static zip_int64_t Callback(void* ud, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    return static_cast<Entry*>(ud)->Handle(data, len, cmd);
  }

 private:
  zip_int64_t Fail(absl::Status s) {
    if (first_error->ok()) *first_error = std::move(s);
    zip_error_set(&error_, ZIP_ER_READ, 0);
    return -1;
  }

  absl::Status Materialize() {
    if (content.has_value() || !generate) return absl::OkStatus();
    absl::StatusOr<std::string> c = generate();
    if (!c.ok()) return c.status();
    content = *std::move(c);
    return absl::OkStatus();
  }

  zip_int64_t Handle(void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    switch (cmd) {
      case ZIP_SOURCE_OPEN: {
        if (opened_) return Fail(absl::InternalError("libzip read an entry twice"));
        opened_ = true;
        absl::Status s = Materialize();
        if (!s.ok()) return Fail(s);
        block_ = absl::string_view();
        last_ = false;
        return 0;
      }
      case ZIP_SOURCE_READ: {
        if (block_.empty() && !last_) {
          absl::Status s = Refill();
          if (!s.ok()) return Fail(s);
        }
        size_t n = std::min<size_t>(len, block_.size());
        std::memcpy(data, block_.data(), n);
        block_.remove_prefix(n);
        return static_cast<zip_int64_t>(n);
      }
      case ZIP_SOURCE_CLOSE:
        return 0;
      case ZIP_SOURCE_STAT: {
        zip_stat_t* st = static_cast<zip_stat_t*>(data);
        zip_stat_init(st);
        if (!content.has_value() && generate) {
          // Sizes of generated entries are not known before libzip reaches them.
          absl::Status s = Materialize();
          if (!s.ok()) return Fail(s);
        }
        st->size = content.has_value() ? content->size() : expected_size;
        st->mtime = mtime_;
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_MTIME;
        return sizeof(zip_stat_t);
      }
      case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&error_, data, len);
      case ZIP_SOURCE_FREE:
        return 0;  // owned by the builder
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
      default:
        zip_error_set(&error_, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
  }

  // libzip pulls 8 KiB at a time; payload blocks are 1 MiB, read and hashed ahead on the
  // helper threads. Generated entries are small and hashed here, all at once.
  absl::Status Refill() {
    if (!payload) {
      block_ = *content;
      last_ = true;
      DualHasher h(/*parallel=*/false);
      h.Update(*content);
      Sha256Digest d256;
      Sha512Digest d512;
      h.Finish(&d256, &d512);
      sha256_hex = HexEncode(d256);
      sha512_hex = HexEncode(d512);
      size = content->size();
      done = true;
      return absl::OkStatus();
    }
    absl::StatusOr<ReadAheadHasher::Block> b = reader->Next(source_index);
    if (!b.ok()) return b.status();
    block_ = b->data;
    last_ = b->last;
    if (keep_bytes && kept.size() + block_.size() <= kMaxRedactionLog) {
      kept.append(block_.data(), block_.size());
    }
    return absl::OkStatus();
  }

  zip_error_t error_ = {ZIP_ER_OK, 0, nullptr};
  bool opened_ = false;
  absl::string_view block_;  // what libzip has not taken yet of the current block
  bool last_ = false;        // block_ is the entry's last
  time_t mtime_ = absl::ToTimeT(absl::Now());
};

// Where libzip writes the archive. libzip's own file output goes through stdio with a 4 KiB
// buffer, one write(2) per 4 KiB (half a million system calls for 2 GB); this one buffers
// 1 MiB, and writes behind: the page cache it fills stays bounded (WriteBehind), and the file
// is on disk (fsync) before it is renamed into place. It writes a temporary file beside `path`
// and renames it on commit, so a failed build leaves nothing behind.
class ZipOutput {
 public:
  explicit ZipOutput(std::string path) : path_(std::move(path)) {}
  ~ZipOutput() { Rollback(); }

  static zip_int64_t Callback(void* ud, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    return static_cast<ZipOutput*>(ud)->Handle(data, len, cmd);
  }

 private:
  zip_int64_t Error(int ze, int se = 0) {
    zip_error_set(&error_, ze, se);
    return -1;
  }

  void Rollback() {
    if (file_ != nullptr) {
      std::fclose(file_);
      file_ = nullptr;
      std::remove(tmp_.c_str());
    }
  }

  zip_int64_t Handle(void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    switch (cmd) {
      case ZIP_SOURCE_STAT:
        // libzip takes "read error, ENOENT" to mean: a new archive, nothing to read.
        return Error(ZIP_ER_READ, ENOENT);
      case ZIP_SOURCE_BEGIN_WRITE: {
        tmp_ = path_ + ".XXXXXX";
        int fd = ::mkstemp(tmp_.data());
        if (fd < 0) return Error(ZIP_ER_TMPOPEN, errno);
        ::fchmod(fd, 0644);
        file_ = ::fdopen(fd, "w+b");
        if (file_ == nullptr) {
          ::close(fd);
          return Error(ZIP_ER_TMPOPEN, errno);
        }
        // glibc ignores the size unless it is given the buffer.
        buffer_.resize(kChunk);
        std::setvbuf(file_, buffer_.data(), _IOFBF, buffer_.size());
        return 0;
      }
      case ZIP_SOURCE_WRITE:
        if (std::fwrite(data, 1, len, file_) != len) return Error(ZIP_ER_WRITE, errno);
        WriteBehind();
        return static_cast<zip_int64_t>(len);
      case ZIP_SOURCE_SEEK_WRITE: {
        zip_source_args_seek_t* args = ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, len, &error_);
        if (args == nullptr || ::fseeko(file_, args->offset, args->whence) != 0) {
          return Error(ZIP_ER_SEEK, errno);
        }
        return 0;
      }
      case ZIP_SOURCE_TELL_WRITE: {
        off_t at = ::ftello(file_);
        return at < 0 ? Error(ZIP_ER_TELL, errno) : static_cast<zip_int64_t>(at);
      }
      case ZIP_SOURCE_COMMIT_WRITE: {
        bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
        ok = std::fclose(file_) == 0 && ok;
        file_ = nullptr;
        if (!ok || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
          std::remove(tmp_.c_str());
          return Error(ZIP_ER_RENAME, errno);
        }
        return 0;
      }
      case ZIP_SOURCE_ROLLBACK_WRITE:
        Rollback();
        return 0;
      case ZIP_SOURCE_REMOVE:
        std::remove(path_.c_str());
        return 0;
      case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&error_, data, len);
      case ZIP_SOURCE_FREE:
        return 0;  // owned by the builder
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(
            ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
            ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_BEGIN_WRITE,
            ZIP_SOURCE_WRITE, ZIP_SOURCE_COMMIT_WRITE, ZIP_SOURCE_ROLLBACK_WRITE,
            ZIP_SOURCE_SEEK_WRITE, ZIP_SOURCE_TELL_WRITE, ZIP_SOURCE_REMOVE, ZIP_SOURCE_SUPPORTS,
            -1);
      default:
        return Error(ZIP_ER_OPNOTSUPP);
    }
  }

  // Every kWriteBehind bytes appended, the new span goes to the disk and the span before it,
  // written by then, leaves the page cache. Without this a 2 GB package dirties 2 GB of memory:
  // the writer pays for every fresh page (half its system time on a VM) and the machine for
  // the writeback and for what the cache evicts. libzip's seeks back to patch a header land
  // in spans already handed over and are flushed by the fsync at commit.
  static constexpr off_t kWriteBehind = 16 << 20;
  void WriteBehind() {
    off_t at = ::ftello(file_);
    if (at < handed_ + kWriteBehind) return;
    if (std::fflush(file_) != 0) return;  // the error resurfaces at commit
    int fd = ::fileno(file_);
    ::sync_file_range(fd, handed_, at - handed_, SYNC_FILE_RANGE_WRITE);
    if (handed_ > dropped_) {
      ::sync_file_range(fd, dropped_, handed_ - dropped_,
                        SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                            SYNC_FILE_RANGE_WAIT_AFTER);
      ::posix_fadvise(fd, dropped_, handed_ - dropped_, POSIX_FADV_DONTNEED);
      dropped_ = handed_;
    }
    handed_ = at;
  }

  std::string path_;
  std::string tmp_;
  off_t handed_ = 0, dropped_ = 0;  // [0, dropped_) is on disk and out of the cache
  std::vector<char> buffer_;  // declared before file_: outlives it
  FILE* file_ = nullptr;
  zip_error_t error_ = {ZIP_ER_OK, 0, nullptr};
};

bool IsRequired(absl::string_view label) {
  return label == kCaseReference || label == kLegalBasis || label == kSenderAuthority ||
         label == kRecipientAuthority || label == kHandlingCode;
}

absl::Status ValidateInfo(const BagInfo& info) {
  std::set<std::string> seen;
  for (const auto& [label, value] : info) {
    for (absl::string_view reserved : {"Payload-Oxum", "Bagging-Date", "Bag-Software-Agent",
                                       kCustodyLogRoot, kCustodyLogEntries}) {
      if (absl::EqualsIgnoreCase(label, reserved)) {
        return absl::InvalidArgumentError(absl::StrCat("bag-info field ", label,
                                                       " is set by the package builder"));
      }
    }
    if (IsRequired(label)) {
      if (!seen.insert(label).second) {
        return absl::InvalidArgumentError(absl::StrCat("bag-info field ", label, " given twice"));
      }
      if (absl::StripAsciiWhitespace(value).empty()) {
        return absl::InvalidArgumentError(absl::StrCat("bag-info field ", label, " is empty"));
      }
    }
    if (label == kHandlingCode && value != "H0" && value != "H1" && value != "H2" &&
        value != "H3") {
      return absl::InvalidArgumentError("Handling-Code must be one of H0, H1, H2, H3");
    }
  }
  for (const char* label : {kCaseReference, kLegalBasis, kSenderAuthority, kRecipientAuthority,
                            kHandlingCode}) {
    if (!seen.count(label)) {
      return absl::InvalidArgumentError(absl::StrCat("bag-info field ", label, " is required"));
    }
  }
  return FormatBagInfo(info).status();
}

std::string InfoValue(const BagInfo& info, absl::string_view label) {
  for (const auto& [l, v] : info) {
    if (l == label) return v;
  }
  return "";
}

// Counts findings by type in JSON redaction logs: {"findings": [{"type": "PERSON"}, ...]} or a
// bare array of findings. Files of another shape are ignored: the counts are informative.
void CountRedactions(absl::string_view json, std::map<std::string, int64_t>* counts) {
  nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (j.is_discarded()) return;
  const nlohmann::json* findings = &j;
  if (j.is_object()) {
    auto it = j.find("findings");
    if (it == j.end()) return;
    findings = &*it;
  }
  if (!findings->is_array()) return;
  for (const auto& f : *findings) {
    if (f.is_object() && f.contains("type") && f["type"].is_string()) {
      ++(*counts)[f["type"].get<std::string>()];
    }
  }
}

class Builder {
 public:
  Builder(const PackageRequest& req) : req_(req) {}

  absl::StatusOr<PackageSummary> Run(const std::string& out_path) {
    absl::Status s = Prepare();
    if (!s.ok()) return s;
    ZipOutput output(out_path);
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t* out_src = zip_source_function_create(&ZipOutput::Callback, &output, &zerr);
    zip_t* za = out_src ? zip_open_from_source(out_src, ZIP_CREATE | ZIP_TRUNCATE, &zerr) : nullptr;
    if (za == nullptr) {
      std::string why = zip_error_strerror(&zerr);
      zip_error_fini(&zerr);
      zip_source_free(out_src);
      return absl::PermissionDeniedError(absl::StrCat("cannot create the output package (", why, ")"));
    }
    zip_error_fini(&zerr);
    s = AddEntries(za);
    if (s.ok()) StartReader();
    if (s.ok() && zip_close(za) != 0) {
      s = !first_error_.ok() ? first_error_
                             : absl::InternalError(absl::StrCat("writing the package failed: ",
                                                                zip_strerror(za)));
    }
    if (!s.ok()) {
      zip_discard(za);
      return s;
    }
    PackageSummary out;
    out.payload = PayloadEntries();
    for (const auto& e : out.payload) out.payload_bytes += e.size;
    out.custody_root_hex = custody_root_hex_;
    out.signer_subject = CertificateSubject(cert_.get());
    out.signer_fingerprint = CertificateFingerprint(cert_.get());
    return out;
  }

 private:
  absl::Status Prepare() {
    if (req_.files.empty()) return absl::InvalidArgumentError("a package needs at least one file");
    absl::Status s = ValidateInfo(req_.info);
    if (!s.ok()) return s;
    absl::StatusOr<PkeyPtr> key = LoadPrivateKeyPem(req_.signing_key_pem);
    if (!key.ok()) return key.status();
    key_ = *std::move(key);
    absl::StatusOr<X509Ptr> cert = LoadCertificatePem(req_.signing_cert_pem);
    if (!cert.ok()) return absl::InvalidArgumentError("signing certificate is not a PEM X.509 certificate");
    cert_ = *std::move(cert);
    if (X509_check_private_key(cert_.get(), key_.get()) != 1) {
      OpenSslError();
      return absl::InvalidArgumentError("signing key does not match the signing certificate");
    }
    if (!req_.chain_pem.empty()) {
      absl::StatusOr<std::vector<X509Ptr>> chain = LoadCertificatesPem(req_.chain_pem);
      if (!chain.ok()) return chain.status();
      chain_ = *std::move(chain);
    }
    for (const std::string& pem : req_.encryption.recipient_cert_pems) {
      if (!LoadCertificatePem(pem).ok()) {
        return absl::InvalidArgumentError("a recipient certificate is not PEM X.509");
      }
    }
    if (!req_.tsa.url.empty()) {
      absl::Status ts = CheckTsaUrl(req_.tsa.url);
      if (!ts.ok()) return ts;
    }
    absl::StatusOr<CustodyLog> log = CustodyLog::Parse(req_.custody_log);
    if (!log.ok()) return absl::InvalidArgumentError(absl::StrCat("custody log: ", log.status().message()));
    log_ = *std::move(log);
    std::set<std::string> paths;
    for (const PackageFile& f : req_.files) {
      absl::Status ps = CheckSafeRelativePath(f.payload_path);
      if (!ps.ok()) return ps;
      if (!paths.insert(f.payload_path).second) {
        return absl::InvalidArgumentError("the same payload path is given twice");
      }
      auto e = std::make_unique<Entry>();
      e->name = absl::StrCat(kBagDir, "data/", f.payload_path);
      e->payload = true;
      if (f.use_bytes) {
        e->content = f.bytes;
      } else {
        struct stat st;
        if (::stat(f.source_file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
          return absl::NotFoundError(absl::StrCat("source of data/", f.payload_path,
                                                  " is not a readable regular file"));
        }
        e->source_file = f.source_file;
        e->expected_size = static_cast<uint64_t>(st.st_size);
      }
      e->keep_bytes = req_.redaction_counts.empty() &&
                      absl::StartsWith(f.payload_path, "redaction-log/") &&
                      absl::EndsWith(f.payload_path, ".json");
      Push(std::move(e));
    }
    std::sort(entries_.begin(), entries_.end(),
              [](const auto& a, const auto& b) { return a->name < b->name; });
    return absl::OkStatus();
  }

  Entry* Push(std::unique_ptr<Entry> e) {
    e->first_error = &first_error_;
    entries_.push_back(std::move(e));
    return entries_.back().get();
  }

  Entry* Generated(std::string name, std::function<absl::StatusOr<std::string>()> gen) {
    auto e = std::make_unique<Entry>();
    e->name = std::move(name);
    e->generate = std::move(gen);
    return Push(std::move(e));
  }

  // Payload entries, in ZIP order, become the reader's sources; it starts reading at once.
  void StartReader() {
    std::vector<ReadAheadSource> sources;
    for (const auto& e : entries_) {
      if (!e->payload) continue;
      e->reader = nullptr;  // set below, once the reader exists
      e->source_index = sources.size();
      ReadAheadSource src;
      src.name = e->name;
      src.path = e->source_file;
      src.use_bytes = e->content.has_value();
      if (src.use_bytes) src.bytes = *e->content;
      src.expected_size = e->expected_size;
      sources.push_back(std::move(src));
    }
    reader_ = std::make_unique<ReadAheadHasher>(std::move(sources));
    for (const auto& e : entries_) {
      if (e->payload) e->reader = reader_.get();
    }
  }

  // Called by the first generated entry, once libzip has consumed every payload block.
  absl::Status PayloadDone() {
    if (payload_done_) return absl::OkStatus();
    absl::StatusOr<std::vector<SourceDigests>> d = reader_->Finish();
    if (!d.ok()) return d.status();
    for (const auto& e : entries_) {
      if (!e->payload) continue;
      const SourceDigests& sd = (*d)[e->source_index];
      e->sha256_hex = HexEncode(sd.sha256);
      e->sha512_hex = HexEncode(sd.sha512);
      e->size = sd.size;
      e->done = true;
    }
    payload_done_ = true;
    return absl::OkStatus();
  }

  std::vector<BagEntry> PayloadEntries() const {
    std::vector<BagEntry> out;
    const size_t prefix = std::string(kBagDir).size();
    for (const auto& e : entries_) {
      if (e->payload) out.push_back({e->name.substr(prefix), e->sha256_hex, e->sha512_hex, e->size});
    }
    return out;
  }

  // Tag files written so far, for the tag manifests.
  std::vector<BagEntry> TagEntries() const {
    std::vector<BagEntry> out;
    const size_t prefix = std::string(kBagDir).size();
    for (const Entry* e : tag_entries_) {
      out.push_back({e->name.substr(prefix), e->sha256_hex, e->sha512_hex, e->size});
    }
    return out;
  }

  absl::Status TagsDone() {
    for (const Entry* e : tag_entries_) {
      if (!e->done) return absl::InternalError("tag manifest requested before the tag files");
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> ManifestText(const char* alg) {
    absl::Status s = PayloadDone();
    if (!s.ok()) return s;
    return FormatManifest(PayloadEntries(), alg);
  }

  absl::StatusOr<std::string> CustodyText() {
    absl::Status s = PayloadDone();
    if (!s.ok()) return s;
    CustodyEvent e;
    e.actor = req_.actor;
    e.action = "package";
    e.case_ref = InfoValue(req_.info, kCaseReference);
    for (const BagEntry& p : PayloadEntries()) e.inputs.push_back(p.sha256_hex);
    e.outputs.push_back(Sha256Hex(FormatManifest(PayloadEntries(), "sha256")));
    s = log_.Append(e);
    if (!s.ok()) return s;
    custody_root_hex_ = HexEncode(log_.MerkleRoot());
    return log_.Serialize();
  }

  absl::StatusOr<std::string> BagInfoText() {
    if (custody_root_hex_.empty()) return absl::InternalError("bag-info before the custody log");
    BagInfo info = req_.info;
    info.emplace_back("Bagging-Date", absl::FormatTime("%Y-%m-%d", absl::Now(), absl::UTCTimeZone()));
    info.emplace_back("Payload-Oxum", PayloadOxum(PayloadEntries()));
    info.emplace_back(kCustodyLogRoot, custody_root_hex_);
    info.emplace_back(kCustodyLogEntries, std::to_string(log_.size()));
    info.emplace_back("Bag-Software-Agent", "bayyina transfer 0.1");
    final_info_ = info;
    return FormatBagInfo(info);
  }

  absl::StatusOr<std::string> ReportText() {
    TransmittalData d;
    d.info = final_info_;
    d.payload = PayloadEntries();
    d.redaction_counts = req_.redaction_counts;
    if (d.redaction_counts.empty()) {
      for (const auto& e : entries_) {
        if (e->keep_bytes) CountRedactions(e->kept, &d.redaction_counts);
      }
    }
    d.signer_subject = CertificateSubject(cert_.get());
    d.signer_fingerprint = CertificateFingerprint(cert_.get());
    return FormatTransmittalReport(d);
  }

  absl::StatusOr<std::string> AsicManifestText() {
    AsicManifest m;
    m.signature_path = kSignatureName;
    for (const auto& e : entries_) {
      if (e->name == kAsicManifestName || e->name == kSignatureName) continue;
      if (!e->done) return absl::InternalError("ASiC manifest before all files were written");
      m.references.push_back({e->name, MediaTypeFor(e->name), e->sha256_hex});
    }
    asic_manifest_ = FormatAsicManifest(m);
    return asic_manifest_;
  }

  absl::StatusOr<std::string> SignatureBytes() {
    if (asic_manifest_.empty()) return absl::InternalError("signature before the ASiC manifest");
    absl::StatusOr<std::string> sig = SignDetachedCades(asic_manifest_, key_.get(), cert_.get(), chain_);
    if (!sig.ok() || req_.tsa.url.empty()) return sig;
    return AddSignatureTimestamp(*sig, req_.tsa);
  }

  absl::Status AddEntries(zip_t* za) {
    const std::string bag = kBagDir;
    for (const char* alg : {"sha256", "sha512"}) {
      tag_entries_.push_back(Generated(absl::StrCat(bag, "manifest-", alg, ".txt"),
                                       [this, alg] { return ManifestText(alg); }));
    }
    tag_entries_.push_back(Generated(bag + kCustodyLogName, [this] { return CustodyText(); }));
    tag_entries_.push_back(Generated(bag + kProvenanceName, [this]() -> absl::StatusOr<std::string> {
      if (custody_root_hex_.empty()) return absl::InternalError("provenance before the custody log");
      return FormatCaseUcoProvenance(log_, PayloadEntries(), custody_root_hex_);
    }));
    tag_entries_.push_back(Generated(bag + "bagit.txt", [] { return FormatBagitTxt(); }));
    tag_entries_.push_back(Generated(bag + "bag-info.txt", [this] { return BagInfoText(); }));
    for (const char* alg : {"sha256", "sha512"}) {
      Generated(absl::StrCat(bag, "tagmanifest-", alg, ".txt"),
                [this, alg]() -> absl::StatusOr<std::string> {
                  absl::Status s = TagsDone();
                  if (!s.ok()) return s;
                  return FormatManifest(TagEntries(), alg);
                });
    }
    Generated(kReportName, [this] { return ReportText(); });
    Generated(kAsicManifestName, [this] { return AsicManifestText(); });
    Generated(kSignatureName, [this] { return SignatureBytes(); });

    // mimetype first, stored; libzip writes no extra field for a small in-memory entry.
    zip_source_t* mt = zip_source_buffer(za, kAsicMimeType, std::strlen(kAsicMimeType), 0);
    zip_int64_t idx = mt ? zip_file_add(za, "mimetype", mt, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
      zip_source_free(mt);
      return absl::InternalError("cannot add mimetype");
    }
    zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
    for (const auto& e : entries_) {
      zip_error_t err;
      zip_error_init(&err);
      zip_source_t* src = zip_source_function_create(&Entry::Callback, e.get(), &err);
      zip_error_fini(&err);
      if (src == nullptr) return absl::InternalError("cannot create a ZIP source");
      idx = zip_file_add(za, e->name.c_str(), src, ZIP_FL_ENC_UTF_8);
      if (idx < 0) {
        zip_source_free(src);
        return absl::InternalError("cannot add a ZIP entry");
      }
      bool store = IsAlreadyCompressed(e->name) || e->name == kSignatureName;
      if (zip_set_file_compression(za, static_cast<zip_uint64_t>(idx),
                                   store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 6) != 0) {
        return absl::InternalError("cannot set ZIP compression");
      }
    }
    return absl::OkStatus();
  }

  const PackageRequest& req_;
  PkeyPtr key_;
  X509Ptr cert_;
  std::vector<X509Ptr> chain_;
  CustodyLog log_;
  std::vector<std::unique_ptr<Entry>> entries_;  // payload (sorted), then generated, in ZIP order
  std::unique_ptr<ReadAheadHasher> reader_;       // joined before entries_ go
  bool payload_done_ = false;
  std::vector<Entry*> tag_entries_;
  std::string custody_root_hex_;
  BagInfo final_info_;
  std::string asic_manifest_;
  absl::Status first_error_;
};

}  // namespace

std::string NeutralDocumentName(int index, absl::string_view original_name) {
  std::string ext = absl::AsciiStrToLower(Extension(original_name));
  bool ok = !ext.empty() && ext.size() <= 5 &&
            std::all_of(ext.begin(), ext.end(), [](char c) { return absl::ascii_isalnum(c); });
  return absl::StrFormat("document-%03d%s", index, ok ? "." + ext : "");
}

std::string MediaTypeFor(absl::string_view path) {
  std::string ext = absl::AsciiStrToLower(Extension(path));
  static const std::map<std::string, std::string> kTypes = {
      {"png", "image/png"},           {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},         {"tif", "image/tiff"},
      {"tiff", "image/tiff"},         {"pdf", "application/pdf"},
      {"txt", "text/plain"},          {"html", "text/html"},
      {"hocr", "text/html"},          {"xml", "application/xml"},
      {"alto", "application/xml"},    {"xlf", "application/xliff+xml"},
      {"xliff", "application/xliff+xml"}, {"tmx", "application/x-tmx+xml"},
      {"json", "application/json"},   {"jsonl", "application/jsonl"},
      {"jsonld", "application/ld+json"}, {"p7s", "application/pkcs7-signature"},
      {"zip", "application/zip"}};
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool IsAlreadyCompressed(absl::string_view path) {
  static const std::set<std::string> kCompressed = {
      "png", "jpg", "jpeg", "gif", "tif", "tiff", "pdf", "zip", "gz", "bz2", "xz", "zst",
      "7z", "webp", "jp2", "docx", "xlsx", "odt", "mp3", "mp4", "asice", "p7m"};
  return kCompressed.count(absl::AsciiStrToLower(Extension(path))) > 0;
}

absl::StatusOr<PackageSummary> BuildPackage(const PackageRequest& request,
                                            const std::string& out_path) {
  if (request.encryption.recipient_cert_pems.empty()) return Builder(request).Run(out_path);
  // The plain container exists only until its volumes are written, next to them.
  const std::string plain = out_path + ".unencrypted.tmp";
  absl::StatusOr<PackageSummary> summary = Builder(request).Run(plain);
  if (!summary.ok()) return summary;
  absl::StatusOr<std::vector<std::string>> volumes =
      EncryptToVolumes(plain, out_path, request.encryption);
  std::filesystem::remove(plain);
  if (!volumes.ok()) return volumes.status();
  summary->volumes = *std::move(volumes);
  return summary;
}

}  // namespace bayyina::transfer

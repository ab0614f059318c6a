#include "transfer/package_verifier.h"

#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "transfer/asic_manifest.h"
#include "transfer/bag_verifier.h"
#include "transfer/cades_profile.h"
#include "transfer/cms_signer.h"
#include "transfer/custody_log.h"
#include "transfer/digest.h"
#include "transfer/encryption.h"
#include "transfer/package.h"
#include "transfer/path_safety.h"

namespace bayyina::transfer {
namespace {

constexpr uint64_t kMaxMetaFile = 64ull << 20;
constexpr size_t kChunk = 1 << 20;

struct ZipDeleter {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// Read access to the entries of an opened package.
class Zip {
 public:
  struct Entry {
    zip_uint64_t index;
    uint64_t size;
  };

  explicit Zip(zip_t* za) : za_(za) {}

  // Streams an entry; libzip inflates and checks the CRC at the end.
  absl::Status Read(const std::string& name, const std::function<void(absl::string_view)>& sink) {
    auto it = entries_.find(name);
    if (it == entries_.end()) return absl::NotFoundError("no such entry");
    zip_file_t* f = zip_fopen_index(za_.get(), it->second.index, 0);
    if (f == nullptr) return absl::DataLossError("cannot open entry");
    std::vector<char> buf(kChunk);
    zip_int64_t n;
    while ((n = zip_fread(f, buf.data(), buf.size())) > 0) {
      sink(absl::string_view(buf.data(), static_cast<size_t>(n)));
    }
    std::string err = n < 0 ? zip_file_strerror(f) : "";
    zip_fclose(f);
    if (n < 0) return absl::DataLossError(absl::StrCat("ZIP data damaged (", err, ")"));
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> ReadAll(const std::string& name) {
    auto it = entries_.find(name);
    if (it == entries_.end()) return absl::NotFoundError("missing");
    if (it->second.size > kMaxMetaFile) return absl::ResourceExhaustedError("too large");
    std::string out;
    absl::Status s = Read(name, [&](absl::string_view c) { out.append(c.data(), c.size()); });
    if (!s.ok()) return s;
    return out;
  }

  std::unique_ptr<zip_t, ZipDeleter> za_;
  std::map<std::string, Entry> entries_;  // files only, by raw name
};

// The bag inside the package, for VerifyBag.
class ZipBag : public BagFiles {
 public:
  explicit ZipBag(Zip& zip) : zip_(zip) {}
  absl::StatusOr<std::vector<Entry>> List() override {
    std::vector<Entry> out;
    const std::string prefix = kBagDir;
    for (const auto& [name, e] : zip_.entries_) {
      if (absl::StartsWith(name, prefix)) out.push_back({name.substr(prefix.size()), e.size, true});
    }
    return out;
  }
  absl::Status Read(const std::string& path,
                    const std::function<void(absl::string_view)>& sink) override {
    return zip_.Read(kBagDir + path, sink);
  }

 private:
  Zip& zip_;
};

class Verifier {
 public:
  Verifier(const std::string& path, std::vector<X509Ptr> anchors,
           std::vector<X509Ptr> tsa_anchors)
      : path_(path), anchors_(std::move(anchors)), tsa_anchors_(std::move(tsa_anchors)) {}

  PackageVerification Run() {
    if (OpenContainer()) {
      CheckSignatureAndManifest();
      CheckBagAndCustody();
    }
    PackageVerification out;
    out.ok = !items_.empty();
    for (const auto& i : items_) out.ok = out.ok && i.ok;
    out.items = std::move(items_);
    return out;
  }

 private:
  void Item(const std::string& item, bool ok, std::string detail) {
    items_.push_back({item, ok, std::move(detail)});
  }

  bool OpenContainer() {
    // The mimetype's local header, byte for byte: ETSI EN 319 162-1 A.1 wants it first,
    // stored and without extra field so that tools can sniff the type at a fixed offset.
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path_.c_str(), "rb"), &std::fclose);
    if (!f) {
      Item("container", false, "cannot open the package file");
      return false;
    }
    unsigned char head[30 + 8];
    size_t got = std::fread(head, 1, sizeof(head), f.get());
    f.reset();
    auto u16 = [&](int off) { return head[off] | (head[off + 1] << 8); };
    bool header_ok = got == sizeof(head) && std::memcmp(head, "PK\x03\x04", 4) == 0 &&
                     u16(8) == 0 && u16(26) == 8 && u16(28) == 0 &&
                     std::memcmp(head + 30, "mimetype", 8) == 0;
    int zerr = 0;
    zip_t* za = zip_open(path_.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    if (za == nullptr) {
      zip_error_t e;
      zip_error_init_with_code(&e, zerr);
      Item("container", false, absl::StrCat("not a readable ZIP (", zip_error_strerror(&e), ")"));
      zip_error_fini(&e);
      return false;
    }
    zip_ = std::make_unique<Zip>(za);
    zip_int64_t n = zip_get_num_entries(za, 0);
    std::string problem;
    for (zip_int64_t i = 0; i < n && problem.empty(); ++i) {
      zip_stat_t st;
      const char* raw = zip_get_name(za, i, ZIP_FL_ENC_RAW);
      if (raw == nullptr || zip_stat_index(za, i, ZIP_FL_ENC_RAW, &st) != 0) {
        problem = "unreadable central directory entry";
        break;
      }
      std::string name = raw;
      bool dir = absl::EndsWith(name, "/");
      std::string check = dir ? name.substr(0, name.size() - 1) : name;
      if (absl::Status s = CheckSafeRelativePath(check); !s.ok()) {
        problem = absl::StrCat("entry ", i, " has an unsafe name (", s.message(), ")");
      } else if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        problem = absl::StrCat("entry ", name, " is ZIP-encrypted");
      } else if (!dir && !zip_->entries_.emplace(name, Zip::Entry{static_cast<zip_uint64_t>(i), st.size}).second) {
        problem = absl::StrCat("entry ", name, " appears twice");
      } else if (i == 0 && (name != "mimetype" || st.comp_method != ZIP_CM_STORE)) {
        problem = "the first entry is not a stored mimetype";
      }
    }
    if (problem.empty() && !header_ok) problem = "mimetype is not first, stored, without extra field";
    if (problem.empty()) {
      absl::StatusOr<std::string> mt = zip_->ReadAll("mimetype");
      if (!mt.ok() || *mt != kAsicMimeType) problem = "mimetype does not hold the ASiC-E media type";
    }
    for (const char* required : {kAsicManifestName, kSignatureName}) {
      if (problem.empty() && !zip_->entries_.count(required)) {
        problem = absl::StrCat(required, " is missing");
      }
    }
    for (const auto& [name, e] : zip_->entries_) {
      if (problem.empty() && absl::StartsWith(name, "META-INF/") && name != kAsicManifestName &&
          name != kSignatureName) {
        problem = absl::StrCat("unexpected ", name);
      }
    }
    Item("container", problem.empty(),
         problem.empty() ? absl::StrCat("ASiC-E ZIP, ", zip_->entries_.size(), " files, mimetype first and stored")
                         : problem);
    return problem.empty();
  }

  void CheckSignatureAndManifest() {
    absl::StatusOr<std::string> manifest = zip_->ReadAll(kAsicManifestName);
    absl::StatusOr<std::string> sig = zip_->ReadAll(kSignatureName);
    if (!manifest.ok() || !sig.ok()) {
      Item(manifest.ok() ? kSignatureName : kAsicManifestName, false, "cannot be read");
      return;
    }
    CadesCheck c = CheckDetachedCades(*sig, *manifest, anchors_,
                                      tsa_anchors_.empty() ? anchors_ : tsa_anchors_);
    if (c.content_changed) {
      Item(kAsicManifestName, false, "changed after signing: " + std::string(c.signature.message()));
    } else {
      Item(kSignatureName, c.signature.ok(),
           c.signature.ok() ? absl::StrCat("CAdES-BES profile and signature hold; signer ",
                                           c.signer_subject, ", signed ", c.signing_time)
                            : std::string(c.signature.message()));
    }
    if (c.signature.ok()) {
      Item(kSignatureName, c.chain.ok(),
           c.chain.ok() ? "certificate chain to the given trust anchor holds"
                        : std::string(c.chain.message()));
      if (c.has_timestamp) {
        Item(kSignatureName, c.timestamp.ok(),
             c.timestamp.ok() ? absl::StrCat("RFC 3161 signature timestamp holds: ",
                                             c.timestamp_time, " by ", c.tsa_subject)
                              : absl::StrCat("signature timestamp: ", c.timestamp.message()));
      }
    }
    absl::StatusOr<AsicManifest> m = ParseAsicManifest(*manifest);
    if (!m.ok()) {
      Item(kAsicManifestName, false, std::string(m.status().message()));
      return;
    }
    if (m->signature_path != kSignatureName) {
      Item(kAsicManifestName, false, "SigReference does not name META-INF/signature001.p7s");
    }
    asic_ = *std::move(m);
    manifest_ok_ = true;
  }

  void CheckBagAndCustody() {
    ZipBag bag(*zip_);
    BagReport report = VerifyBag(bag);
    std::set<std::string> failed;
    for (const auto& e : report.errors) {
      std::string item = e.item == "bag" ? "bag/" : absl::StrCat(kBagDir, e.item);
      Item(item, false, e.detail);
      failed.insert(item);
    }
    // The bag covers its own files; SHA-256 of the others (the report) is computed here.
    std::map<std::string, std::string> sha256;
    for (const auto& [path, hex] : report.sha256) sha256[kBagDir + path] = hex;
    for (const auto& [name, e] : zip_->entries_) {
      if (name == "mimetype" || absl::StartsWith(name, "META-INF/") || sha256.count(name)) continue;
      absl::StatusOr<std::unique_ptr<MultiHasher>> h = MultiHasher::Create({"sha256"});
      absl::Status s = zip_->Read(name, [&](absl::string_view c) { (*h)->Update(c); });
      if (!s.ok()) {
        Item(name, false, std::string(s.message()));
        failed.insert(name);
        continue;
      }
      sha256[name] = (*h)->FinishHex()[0];
    }
    if (manifest_ok_) {
      std::set<std::string> listed;
      for (const AsicReference& r : asic_.references) {
        listed.insert(r.path);
        auto it = sha256.find(r.path);
        if (it == sha256.end()) {
          Item(r.path, false, "listed in the ASiC manifest but missing");
        } else if (it->second != r.sha256_hex) {
          Item(r.path, false, "SHA-256 differs from the ASiC manifest");
          failed.insert(r.path);
        }
      }
      for (const auto& [name, hex] : sha256) {
        if (!listed.count(name)) {
          Item(name, false, "not covered by the ASiC manifest (extra file)");
          failed.insert(name);
        }
      }
      // One line per payload file that holds, so the report is item by item.
      for (const auto& [name, hex] : sha256) {
        if (!failed.count(name) && listed.count(name)) {
          Item(name, true, absl::StartsWith(name, std::string(kBagDir) + "data/")
                               ? "SHA-256 and SHA-512 match the bag and ASiC manifests"
                               : "SHA-256 matches the ASiC manifest");
        }
      }
    }
    Item("bag/", report.valid,
         report.valid ? absl::StrCat("BagIt ", report.version, " bag valid and complete, ",
                                     report.payload_bytes, " payload bytes")
                      : "the bag is not valid");
    CheckInfo(report.info);
    CheckCustody(report.info);
  }

  static std::string Field(const BagInfo& info, absl::string_view label) {
    for (const auto& [l, v] : info) {
      if (l == label) return v;
    }
    return "";
  }

  void CheckInfo(const BagInfo& info) {
    const std::string item = absl::StrCat(kBagDir, "bag-info.txt");
    for (const char* label : {kCaseReference, kLegalBasis, kSenderAuthority, kRecipientAuthority,
                              kHandlingCode, kCustodyLogRoot}) {
      if (Field(info, label).empty()) {
        Item(item, false, absl::StrCat(label, " is missing"));
        return;
      }
    }
    std::string code = Field(info, kHandlingCode);
    if (code != "H0" && code != "H1" && code != "H2" && code != "H3") {
      Item(item, false, "Handling-Code is not one of H0..H3");
      return;
    }
    Item(item, true, absl::StrCat("case fields present; handling code ", code));
  }

  void CheckCustody(const BagInfo& info) {
    const std::string item = absl::StrCat(kBagDir, kCustodyLogName);
    absl::StatusOr<std::string> text = zip_->ReadAll(item);
    if (!text.ok()) {
      Item(item, false, "missing");
      return;
    }
    absl::StatusOr<CustodyLog> log = CustodyLog::Parse(*text);
    if (!log.ok()) {
      Item(item, false, std::string(log.status().message()));
      return;
    }
    std::string root = HexEncode(log->MerkleRoot());
    if (root != Field(info, kCustodyLogRoot) ||
        std::to_string(log->size()) != Field(info, kCustodyLogEntries)) {
      Item(item, false, "Merkle root or size differs from bag-info.txt");
      return;
    }
    // The last event packs exactly this payload.
    absl::StatusOr<std::string> manifest = zip_->ReadAll(absl::StrCat(kBagDir, "manifest-sha256.txt"));
    const CustodyEvent& last = log->records().back().event;
    if (!manifest.ok() || last.action != "package" || last.outputs.size() != 1 ||
        last.outputs[0] != Sha256Hex(*manifest)) {
      Item(item, false, "the final package event does not match manifest-sha256.txt");
      return;
    }
    Item(item, true, absl::StrCat("hash chain of ", log->size(), " events and Merkle root ", root,
                                  " hold"));
  }

  std::string path_;
  std::vector<X509Ptr> anchors_;
  std::vector<X509Ptr> tsa_anchors_;
  std::unique_ptr<Zip> zip_;
  std::vector<VerifyItem> items_;
  AsicManifest asic_;
  bool manifest_ok_ = false;
};

}  // namespace

absl::StatusOr<PackageVerification> VerifyPackage(const std::string& path,
                                                  const PackageVerifyOptions& options) {
  std::vector<X509Ptr> anchors;
  if (!options.ca_pem.empty()) {
    absl::StatusOr<std::vector<X509Ptr>> a = LoadCertificatesPem(options.ca_pem);
    if (!a.ok()) return absl::InvalidArgumentError("--ca holds no PEM certificate");
    anchors = *std::move(a);
  }
  // Empty: the TSA is checked against `anchors`.
  std::vector<X509Ptr> tsa_anchors;
  if (!options.tsa_ca_pem.empty()) {
    absl::StatusOr<std::vector<X509Ptr>> a = LoadCertificatesPem(options.tsa_ca_pem);
    if (!a.ok()) return absl::InvalidArgumentError("--tsa-ca holds no PEM certificate");
    tsa_anchors = *std::move(a);
  }
  bool named_volume = absl::StrContains(path, ".p7m.");
  if (!named_volume && !std::filesystem::exists(path) && FindVolumes(path).ok()) named_volume = true;
  if (!named_volume && !LooksLikeCmsEnvelope(path)) return Verifier(path, std::move(anchors), std::move(tsa_anchors)).Run();

  PackageVerification out;
  if (options.decrypt_key_pem.empty()) {
    out.items.push_back({"container", false, "the package is encrypted: a recipient key is needed"});
    return out;
  }
  absl::StatusOr<std::vector<std::string>> volumes = FindVolumes(path);
  if (!volumes.ok()) {
    out.items.push_back({"container", false, "no encrypted volume found"});
    return out;
  }
  std::string tmp = (std::filesystem::temp_directory_path() / "bayyina-verify-XXXXXX").string();
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return absl::InternalError("cannot create a temporary file");
  ::close(fd);
  absl::Status s = DecryptVolumes(*volumes, options.decrypt_key_pem, tmp);
  VerifyItem enc{"encryption", s.ok(),
                 s.ok() ? absl::StrCat(volumes->size(), " CMS volume(s) decrypted and authenticated")
                        : std::string(s.message())};
  if (s.ok()) out = Verifier(tmp, std::move(anchors), std::move(tsa_anchors)).Run();
  std::filesystem::remove(tmp);
  out.items.insert(out.items.begin(), enc);
  out.ok = out.ok && s.ok();
  return out;
}

}  // namespace bayyina::transfer

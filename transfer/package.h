// Building signed evidence packages: one BagIt 1.0 bag inside an ASiC-E container.
//
// Layout of the ZIP (entry order is the write order, each file read exactly once):
//   mimetype                           "application/vnd.etsi.asic-e+zip", first, stored
//   bag/data/...                       the payload (redacted/, ocr/, translation/, ...)
//   bag/manifest-sha256.txt, bag/manifest-sha512.txt
//   bag/custody-log.jsonl              the case's custody log plus a final "package" event
//   bag/provenance.jsonld              CASE/UCO: each custody event as an investigative action
//   bag/bagit.txt, bag/bag-info.txt    bag-info carries the case fields and the custody root
//   bag/tagmanifest-sha256.txt, bag/tagmanifest-sha512.txt
//   transmittal-report.html            for the person who opens the package (Arabic, English)
//   META-INF/ASiCManifest.xml          SHA-256 of every entry above except mimetype
//   META-INF/signature001.p7s          detached CAdES-BES over ASiCManifest.xml (CAdES-T with a
//                                      TSA: an RFC 3161 token over the signature value)
#ifndef BAYYINA_TRANSFER_PACKAGE_H_
#define BAYYINA_TRANSFER_PACKAGE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "transfer/bagit.h"
#include "transfer/encryption.h"
#include "transfer/timestamp.h"

namespace bayyina::transfer {

inline constexpr char kAsicMimeType[] = "application/vnd.etsi.asic-e+zip";
inline constexpr char kBagDir[] = "bag/";
inline constexpr char kAsicManifestName[] = "META-INF/ASiCManifest.xml";
inline constexpr char kSignatureName[] = "META-INF/signature001.p7s";
inline constexpr char kCustodyLogName[] = "custody-log.jsonl";  // bag tag file
inline constexpr char kProvenanceName[] = "provenance.jsonld";  // bag tag file
inline constexpr char kReportName[] = "transmittal-report.html";

// bag-info.txt labels a package must carry (given by the caller) ...
inline constexpr char kCaseReference[] = "Case-Reference";
inline constexpr char kLegalBasis[] = "Legal-Basis";  // MLA request or EIO reference
inline constexpr char kSenderAuthority[] = "Sender-Authority";
inline constexpr char kRecipientAuthority[] = "Recipient-Authority";
inline constexpr char kHandlingCode[] = "Handling-Code";  // Europol SIENA H0..H3
// ... and the ones the builder adds.
inline constexpr char kCustodyLogRoot[] = "Custody-Log-Root";        // RFC 9162 root, hex
inline constexpr char kCustodyLogEntries[] = "Custody-Log-Entries";  // number of lines

// One payload file. Either `source_file` (streamed from disk) or `bytes` (small generated
// content) is used; `payload_path` is the path inside data/ (e.g. "redacted/document-001.png")
// and must pass CheckSafeRelativePath.
struct PackageFile {
  std::string payload_path;
  std::string source_file;
  std::string bytes;
  bool use_bytes = false;
};

struct PackageRequest {
  std::vector<PackageFile> files;
  // Caller's bag-info fields; the five labels above are required, Handling-Code is H0..H3.
  // Bagging-Date, Payload-Oxum, Bag-Software-Agent and the custody fields are added.
  BagInfo info;
  // The case's custody log so far (file contents; may be empty). It is verified, and the
  // package event is appended to it.
  std::string custody_log;
  std::string actor = "service:transfer";  // who packs, for the package event
  std::string signing_key_pem;
  std::string signing_cert_pem;
  std::string chain_pem;  // optional intermediates to embed
  // When `tsa.url` is set, the signature gets an RFC 3161 timestamp from that TSA (CAdES-T,
  // timestamp.h); a TSA that fails fails the build, and nothing is written.
  TsaOptions tsa;
  // Redaction counts by entity type for the transmittal report. When empty they are counted
  // from the JSON redaction logs under data/redaction-log/ ("findings": [{"type": ...}]).
  std::map<std::string, int64_t> redaction_counts;
  // When it names recipients, the finished container is encrypted into volumes
  // OUT.p7m.001, ... (see encryption.h) and no unencrypted OUT is kept.
  EncryptOptions encryption;
};

struct PackageSummary {
  std::vector<BagEntry> payload;  // paths relative to the bag root ("data/...")
  std::string custody_root_hex;
  std::string signer_subject;
  std::string signer_fingerprint;  // SHA-256 of the certificate DER
  uint64_t payload_bytes = 0;
  std::vector<std::string> volumes;  // encrypted volumes, when encryption was asked for
};

// Writes the package to `out_path` (or, encrypted, to its volumes; replaced atomically: libzip writes a temporary file and
// renames it on success, so a failed build leaves nothing behind). Memory stays constant in
// the payload size. Errors: InvalidArgument (unsafe or duplicate path, missing or bad bag-info
// field, bad key or certificate, broken custody log), NotFound (unreadable source),
// DataLoss (a source changed size while being packed), Internal (libzip/OpenSSL).
absl::StatusOr<PackageSummary> BuildPackage(const PackageRequest& request,
                                            const std::string& out_path);

// "document-007.png": a neutral payload name for the index-th submitted file, keeping only a
// short alphanumeric extension of `original_name` (lower-cased), never the name itself.
std::string NeutralDocumentName(int index, absl::string_view original_name);

// Media type used in the ASiC manifest, by extension.
std::string MediaTypeFor(absl::string_view path);
// True for formats that are compressed already (stored, not deflated).
bool IsAlreadyCompressed(absl::string_view path);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_PACKAGE_H_

// META-INF/ASiCManifest.xml of ETSI EN 319 162-1 (ASiC-E with CAdES): which files a signature
// covers, each with its SHA-256.
#ifndef BAYYINA_TRANSFER_ASIC_MANIFEST_H_
#define BAYYINA_TRANSFER_ASIC_MANIFEST_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace bayyina::transfer {

struct AsicReference {
  std::string path;        // ZIP entry name (UTF-8); percent-encoded into the URI attribute
  std::string mime_type;
  std::string sha256_hex;  // lower-case hex; base64 in the XML
};

struct AsicManifest {
  std::string signature_path;  // SigReference URI, decoded
  std::vector<AsicReference> references;
};

// Serializes with pugixml (UTF-8, XML declaration).
std::string FormatAsicManifest(const AsicManifest& manifest);

// Parses and checks the structure: root asic:ASiCManifest in the 1.2.1 namespace, one
// SigReference, DataObjectReferences with SHA-256 DigestMethod and a 32-byte DigestValue, no
// duplicate URI. DataLoss naming the problem otherwise.
absl::StatusOr<AsicManifest> ParseAsicManifest(absl::string_view xml);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_ASIC_MANIFEST_H_

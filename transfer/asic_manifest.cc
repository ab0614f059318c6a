#include "transfer/asic_manifest.h"

#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "pugixml.hpp"

namespace bayyina::transfer {
namespace {

constexpr char kAsicNs[] = "http://uri.etsi.org/02918/v1.2.1#";
constexpr char kDsNs[] = "http://www.w3.org/2000/09/xmldsig#";
constexpr char kSha256Uri[] = "http://www.w3.org/2001/04/xmlenc#sha256";

// RFC 3986: everything but unreserved characters and '/' is percent-encoded.
std::string UriEncode(absl::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool UriDecode(absl::string_view uri, std::string* out) {
  out->clear();
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] != '%') {
      *out += uri[i];
      continue;
    }
    if (i + 2 >= uri.size() || !absl::ascii_isxdigit(uri[i + 1]) ||
        !absl::ascii_isxdigit(uri[i + 2])) {
      return false;
    }
    *out += static_cast<char>(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
    i += 2;
  }
  return true;
}

std::string Unhex(absl::string_view hex) { return absl::HexStringToBytes(hex); }

}  // namespace

std::string FormatAsicManifest(const AsicManifest& manifest) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "no";
  pugi::xml_node root = doc.append_child("asic:ASiCManifest");
  root.append_attribute("xmlns:asic") = kAsicNs;
  root.append_attribute("xmlns:ds") = kDsNs;
  pugi::xml_node sig = root.append_child("asic:SigReference");
  sig.append_attribute("URI") = UriEncode(manifest.signature_path).c_str();
  sig.append_attribute("MimeType") = "application/x-pkcs7-signature";
  for (const AsicReference& r : manifest.references) {
    pugi::xml_node ref = root.append_child("asic:DataObjectReference");
    ref.append_attribute("URI") = UriEncode(r.path).c_str();
    ref.append_attribute("MimeType") = r.mime_type.c_str();
    ref.append_child("ds:DigestMethod").append_attribute("Algorithm") = kSha256Uri;
    ref.append_child("ds:DigestValue")
        .append_child(pugi::node_pcdata)
        .set_value(absl::Base64Escape(Unhex(r.sha256_hex)).c_str());
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

absl::StatusOr<AsicManifest> ParseAsicManifest(absl::string_view xml) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default,
                                                  pugi::encoding_utf8);
  if (!parsed) return absl::DataLossError("ASiC manifest is not well-formed XML");
  pugi::xml_node root = doc.document_element();
  if (std::string(root.name()) != "asic:ASiCManifest" ||
      std::string(root.attribute("xmlns:asic").value()) != kAsicNs ||
      std::string(root.attribute("xmlns:ds").value()) != kDsNs) {
    return absl::DataLossError("ASiC manifest root or namespaces are not ETSI EN 319 162 v1.2.1");
  }
  AsicManifest m;
  int sig_refs = 0;
  std::set<std::string> seen;
  for (pugi::xml_node n : root.children()) {
    if (n.type() != pugi::node_element) continue;
    std::string name = n.name();
    std::string uri;
    if (!UriDecode(n.attribute("URI").value(), &uri) || uri.empty()) {
      return absl::DataLossError("ASiC manifest has a bad or empty URI");
    }
    if (name == "asic:SigReference") {
      ++sig_refs;
      m.signature_path = uri;
      continue;
    }
    if (name != "asic:DataObjectReference") {
      return absl::DataLossError(absl::StrCat("ASiC manifest has an unexpected element ", name));
    }
    if (std::string(n.child("ds:DigestMethod").attribute("Algorithm").value()) != kSha256Uri) {
      return absl::DataLossError("ASiC manifest reference does not use SHA-256");
    }
    std::string raw;
    if (!absl::Base64Unescape(n.child("ds:DigestValue").child_value(), &raw) || raw.size() != 32) {
      return absl::DataLossError("ASiC manifest digest value is not a base64 SHA-256");
    }
    if (!seen.insert(uri).second) return absl::DataLossError("ASiC manifest lists a file twice");
    m.references.push_back(
        {uri, n.attribute("MimeType").value(), absl::BytesToHexString(raw)});
  }
  if (sig_refs != 1) return absl::DataLossError("ASiC manifest must have exactly one SigReference");
  return m;
}

}  // namespace bayyina::transfer

#include "transfer/transmittal_report.h"

#include "absl/strings/str_cat.h"

namespace bayyina::transfer {
namespace {

std::string Esc(absl::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

struct Labels {
  const char* lang;
  const char* dir;
  const char* title;
  const char* fields;
  const char* documents;
  const char* document;
  const char* size;
  const char* redactions;
  const char* type;
  const char* count;
  const char* none;
  const char* signer;
  const char* fingerprint;
  const char* how;
};

constexpr Labels kArabic = {
    "ar", "rtl", "تقرير الإحالة", "بيانات الحزمة", "الوثائق", "الوثيقة", "الحجم (بايت)",
    "عدد التنقيحات حسب النوع", "النوع", "العدد", "لا توجد تنقيحات مسجلة", "الموقّع",
    "بصمة الشهادة (SHA-256)",
    "للتحقق: openssl cms -verify -binary -inform DER -content META-INF/ASiCManifest.xml "
    "-in META-INF/signature001.p7s ثم sha256sum -c داخل مجلد bag."};
constexpr Labels kEnglish = {
    "en", "ltr", "Transmittal report", "Package details", "Documents", "Document", "Size (bytes)",
    "Redactions by type", "Type", "Count", "No redactions recorded", "Signer",
    "Certificate fingerprint (SHA-256)",
    "To verify: openssl cms -verify -binary -inform DER -content META-INF/ASiCManifest.xml "
    "-in META-INF/signature001.p7s, then sha256sum -c inside the bag folder."};

void Section(const Labels& l, const TransmittalData& d, std::string* out) {
  absl::StrAppend(out, "<section lang=\"", l.lang, "\" dir=\"", l.dir, "\">\n<h1>", l.title,
                  "</h1>\n<h2>", l.fields, "</h2>\n<table>\n");
  for (const auto& [label, value] : d.info) {
    absl::StrAppend(out, "<tr><th dir=\"ltr\">", Esc(label), "</th><td dir=\"auto\">", Esc(value),
                    "</td></tr>\n");
  }
  absl::StrAppend(out, "</table>\n<h2>", l.documents, "</h2>\n<table>\n<tr><th>", l.document,
                  "</th><th>", l.size, "</th><th>SHA-256</th></tr>\n");
  for (const BagEntry& e : d.payload) {
    absl::StrAppend(out, "<tr><td dir=\"ltr\">", Esc(e.path), "</td><td>", e.size,
                    "</td><td dir=\"ltr\"><code>", e.sha256_hex, "</code></td></tr>\n");
  }
  absl::StrAppend(out, "</table>\n<h2>", l.redactions, "</h2>\n");
  if (d.redaction_counts.empty()) {
    absl::StrAppend(out, "<p>", l.none, "</p>\n");
  } else {
    absl::StrAppend(out, "<table>\n<tr><th>", l.type, "</th><th>", l.count, "</th></tr>\n");
    for (const auto& [type, n] : d.redaction_counts) {
      absl::StrAppend(out, "<tr><td dir=\"ltr\">", Esc(type), "</td><td>", n, "</td></tr>\n");
    }
    absl::StrAppend(out, "</table>\n");
  }
  absl::StrAppend(out, "<h2>", l.signer, "</h2>\n<p dir=\"ltr\">", Esc(d.signer_subject),
                  "</p>\n<p>", l.fingerprint, ": <code dir=\"ltr\">", d.signer_fingerprint,
                  "</code></p>\n<p>", Esc(l.how), "</p>\n</section>\n");
}

}  // namespace

std::string FormatTransmittalReport(const TransmittalData& data) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"ar\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>تقرير الإحالة / Transmittal report</title>\n"
      "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
      "td,th{border:1px solid #999;padding:2px 6px}code{word-break:break-all}</style>\n"
      "</head>\n<body>\n";
  Section(kArabic, data, &out);
  out += "<hr>\n";
  Section(kEnglish, data, &out);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace bayyina::transfer

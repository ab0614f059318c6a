// The transmittal report: a self-contained bilingual (Arabic, English) HTML page for the person
// who opens a package, listing documents, hashes, redaction counts by type and the signer.
#ifndef BAYYINA_TRANSFER_TRANSMITTAL_REPORT_H_
#define BAYYINA_TRANSFER_TRANSMITTAL_REPORT_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "transfer/bagit.h"

namespace bayyina::transfer {

struct TransmittalData {
  BagInfo info;                   // bag-info.txt fields as written
  std::vector<BagEntry> payload;  // "data/..." paths
  std::map<std::string, int64_t> redaction_counts;  // entity type -> count
  std::string signer_subject;
  std::string signer_fingerprint;
};

// HTML5, UTF-8, no scripts or external resources; every value HTML-escaped.
std::string FormatTransmittalReport(const TransmittalData& data);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_TRANSMITTAL_REPORT_H_

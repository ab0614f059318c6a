#ifndef BAYYINA_REDACT_MRZ_H_
#define BAYYINA_REDACT_MRZ_H_

// ICAO 9303 machine-readable zones (TD1 ID cards: 3 x 30; TD2: 2 x 36; TD3 passports:
// 2 x 44) found in a text, with each field's check digit verified.

#include <cstdint>
#include <string>
#include <vector>

#include "redact/analysis_text.h"

namespace bayyina::redact {

struct MrzField {
  uint32_t begin = 0;  // normalized byte range, fillers excluded
  uint32_t end = 0;
  bool valid = false;  // its check digit matched (fields without one: false)
};

struct MrzRecord {
  char document_type = 0;       // 'P' passport, 'I'/'A'/'C' identity documents
  std::string document_number;  // fillers removed, upper case
  MrzField number;
  MrzField birth_date;
  MrzField name;             // primary and secondary identifiers
  MrzField personal_number;  // optional data (national number); valid when checked
  uint32_t begin = 0;        // the whole zone
  uint32_t end = 0;
  // Number of check digits (number, birth, expiry, composite...) that matched.
  int checks_passed = 0;
};

// Every zone in `text` whose lines have the right lengths and alphabet and whose check digits
// pass at least once. Thread-safe.
std::vector<MrzRecord> FindMrz(const AnalysisText& text);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_MRZ_H_

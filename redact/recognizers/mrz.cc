// MRZ: the machine-readable zone of passports and ID cards. Each field is reported only when
// its ICAO check digit matches: the document number as PASSPORT or NATIONAL_ID, the birth date
// as DATE_OF_BIRTH, the name as PERSON and the optional personal number as NATIONAL_ID.

#include "redact/mrz.h"
#include "redact/recognizer.h"

namespace bayyina::redact {
namespace {

class MrzRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "mrz"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    for (const MrzRecord& r : FindMrz(text)) {
      if (r.number.valid) {
        EntityType type = r.document_type == 'P' ? EntityType::kPassport : EntityType::kNationalId;
        out->push_back({type, r.number.begin, r.number.end, 1.0f, "mrz"});
      }
      if (r.birth_date.valid) {
        out->push_back(
            {EntityType::kDateOfBirth, r.birth_date.begin, r.birth_date.end, 1.0f, "mrz"});
      }
      if (r.name.valid) {
        out->push_back({EntityType::kPerson, r.name.begin, r.name.end, 0.95f, "mrz"});
      }
      if (r.personal_number.valid) {
        out->push_back({EntityType::kNationalId, r.personal_number.begin, r.personal_number.end,
                        0.95f, "mrz"});
      }
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewMrzRecognizer() { return std::make_unique<MrzRecognizer>(); }

}  // namespace bayyina::redact

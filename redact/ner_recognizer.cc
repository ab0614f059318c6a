#include "redact/ner_recognizer.h"

#include "absl/strings/str_cat.h"

namespace bayyina::redact {
namespace {

class NerRecognizer : public Recognizer {
 public:
  explicit NerRecognizer(std::shared_ptr<const EntityModel> model)
      : model_(std::move(model)), detector_(absl::StrCat("ner:", model_->name())) {}

  std::string_view name() const override { return detector_; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    std::string_view s = text.text();
    absl::StatusOr<std::vector<EntityModel::Span>> spans =
        model_->Predict(absl::string_view(s.data(), s.size()), text.language());
    if (!spans.ok()) return spans.status();
    auto boundary = [&](size_t i) {
      return i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    };
    for (const EntityModel::Span& sp : *spans) {
      if (sp.begin >= sp.end || sp.end > s.size() || !boundary(sp.begin) || !boundary(sp.end)) {
        return absl::InternalError(
            absl::StrCat("model ", model_->name(), " returned a span outside the text"));
      }
      out->push_back({sp.type, static_cast<uint32_t>(sp.begin), static_cast<uint32_t>(sp.end),
                      sp.score, detector_});
    }
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<const EntityModel> model_;
  std::string detector_;
};

}  // namespace

std::unique_ptr<Recognizer> NewNerRecognizer(std::shared_ptr<const EntityModel> model) {
  return std::make_unique<NerRecognizer>(std::move(model));
}

}  // namespace bayyina::redact

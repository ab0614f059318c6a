#include "redact/recognizer.h"

namespace bayyina::redact {

#define BAYYINA_RECOGNIZER(Name) std::unique_ptr<Recognizer> New##Name##Recognizer();
#include "redact/recognizers/recognizers.def"
#undef BAYYINA_RECOGNIZER

std::vector<std::unique_ptr<Recognizer>> BuiltinRecognizers() {
  std::vector<std::unique_ptr<Recognizer>> all;
#define BAYYINA_RECOGNIZER(Name) all.push_back(New##Name##Recognizer());
#include "redact/recognizers/recognizers.def"
#undef BAYYINA_RECOGNIZER
  return all;
}

}  // namespace bayyina::redact

#include "ocr/pix.h"

#include <leptonica/allheaders.h>

#include <mutex>

namespace bayyina::ocr {

void PixDeleter::operator()(Pix* pix) const {
  if (pix != nullptr) pixDestroy(&pix);
}

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

}  // namespace bayyina::ocr

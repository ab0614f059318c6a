#include "ocr/pix.h"

#include <leptonica/allheaders.h>

#include <mutex>

namespace bayyina::ocr {

void PixDeleter::operator()(Pix* pix) const {
  if (pix != nullptr) pixDestroy(&pix);
}

std::vector<Box> InkPieces(Pix* gray, const Box& box) {
  std::vector<Box> pieces;
  if (box.empty()) return pieces;
  BOX* clip = boxCreate(box.left, box.top, box.width(), box.height());
  BOX* actual = nullptr;
  PixPtr strip(pixClipRectangle(gray, clip, &actual));
  boxDestroy(&clip);
  l_int32 x0 = box.left, y0 = box.top;
  if (actual != nullptr) {
    boxGetGeometry(actual, &x0, &y0, nullptr, nullptr);
    boxDestroy(&actual);
  }
  if (!strip) return pieces;
  PixPtr ink(pixGetDepth(strip.get()) == 1 ? pixClone(strip.get())
                                            : pixConvertTo1(strip.get(), 128));
  BOXA* found = ink ? pixConnCompBB(ink.get(), 8) : nullptr;
  if (found == nullptr) return pieces;
  for (l_int32 i = 0; i < boxaGetCount(found); ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(found, i, &x, &y, &w, &h) == 0) {
      pieces.push_back(Box{x0 + x, y0 + y, x0 + x + w, y0 + y + h});
    }
  }
  boxaDestroy(&found);
  return pieces;
}

void Whiten(Pix* pix, const Box& box) {
  if (box.empty()) return;
  BOX* rect = boxCreate(box.left, box.top, box.width(), box.height());
  if (rect == nullptr) return;
  // On a 1-bit image a set pixel is ink; on grey the highest value is white.
  if (pixGetDepth(pix) == 1) {
    pixClearInRect(pix, rect);
  } else {
    pixSetInRect(pix, rect);
  }
  boxDestroy(&rect);
}

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

}  // namespace bayyina::ocr

#include "ocr/ghost_lines.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace bayyina::ocr {
namespace {

using ::testing::ElementsAre;

// A row of three words, 60 px tall.
LineBoxes Row() {
  return {Box{100, 1000, 900, 1060},
          {Box{700, 1002, 900, 1050}, Box{400, 1004, 680, 1040}, Box{100, 1000, 380, 1060}}};
}

TEST(GhostLines, ThinLineReadInsideARowIsAGhost) {
  const LineBoxes thin{Box{150, 1002, 880, 1030},
                       {Box{690, 1002, 850, 1030}, Box{400, 1004, 680, 1030}, Box{150, 1004, 160, 1012}}};
  EXPECT_THAT(GhostLines({Row(), thin}), ElementsAre(false, true));
}

TEST(GhostLines, LinesOfOneColumnAndOfOneRowStay) {
  const LineBoxes below{Box{100, 1070, 900, 1130}, {Box{100, 1070, 900, 1130}}};
  // A table row: the next cell's line stands beside the first, not inside it.
  const LineBoxes next_cell{Box{950, 1005, 1200, 1045}, {Box{950, 1005, 1200, 1045}}};
  EXPECT_THAT(GhostLines({Row(), below, next_cell}), ElementsAre(false, false, false));
}

TEST(GhostLines, ALineWithAWordOfItsOwnStays) {
  // Inside the row's box, but one of its words stands on blank paper between the row's words:
  // the row's reading missed it.
  const LineBoxes inner{Box{380, 1005, 700, 1035}, {Box{450, 1005, 600, 1035}, Box{381, 1010, 399, 1030}}};
  LineBoxes row = Row();
  row.words = {Box{700, 1002, 900, 1050}, Box{100, 1000, 380, 1060}};
  EXPECT_THAT(GhostLines({row, inner}), ElementsAre(false, false));
}

TEST(GhostLines, TwoEqualLinesAreNotGhostsOfEachOther) {
  EXPECT_THAT(GhostLines({Row(), Row()}), ElementsAre(false, false));
}

}  // namespace
}  // namespace bayyina::ocr

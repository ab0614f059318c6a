#include "transfer/read_ahead.h"

#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "transfer/digest.h"
#include "transfer/tests/test_support.h"

namespace bayyina::transfer {
namespace {

using test_support::Fresh;
using test_support::WriteFile;

constexpr size_t kBlock = ReadAheadHasher::kBlockSize;

std::string Pattern(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  for (char& c : s) {
    seed = seed * 1103515245u + 12345u;
    c = static_cast<char>(seed >> 24);
  }
  return s;
}

// Consumes every source in order; returns their concatenated bytes per source.
std::vector<std::string> Drain(ReadAheadHasher& r, size_t n, absl::Status* error) {
  std::vector<std::string> out(n);
  for (size_t i = 0; i < n; ++i) {
    while (true) {
      absl::StatusOr<ReadAheadHasher::Block> b = r.Next(i);
      if (!b.ok()) {
        *error = b.status();
        return out;
      }
      out[i].append(b->data.data(), b->data.size());
      if (b->last) break;
    }
  }
  return out;
}

// Sizes around the block size and more sources than ring slots, so the reader wraps the ring
// and waits for both the SHA-512 thread and the consumer.
TEST(ReadAhead, DeliversEveryByteInOrderWithBothDigests) {
  std::string dir = Fresh("read_ahead");
  std::filesystem::create_directories(dir);
  const std::vector<size_t> sizes = {0, 1, kBlock - 1, kBlock, kBlock + 1, 3 * kBlock + 7,
                                     100, 5 * kBlock, 17, 2 * kBlock};
  std::vector<std::string> contents;
  std::vector<ReadAheadSource> sources;
  for (size_t i = 0; i < sizes.size(); ++i) contents.push_back(Pattern(sizes[i], i + 1));
  for (size_t i = 0; i < sizes.size(); ++i) {
    ReadAheadSource s;
    s.name = "source-" + std::to_string(i);
    s.expected_size = sizes[i];
    if (i % 3 == 1) {  // some in memory, the rest from files
      s.use_bytes = true;
      s.bytes = contents[i];
    } else {
      s.path = dir + "/" + s.name;
      WriteFile(s.path, contents[i]);
    }
    sources.push_back(s);
  }
  ReadAheadHasher r(sources);
  absl::Status error;
  std::vector<std::string> got = Drain(r, sizes.size(), &error);
  ASSERT_TRUE(error.ok()) << error;
  absl::StatusOr<std::vector<SourceDigests>> d = r.Finish();
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->size(), sizes.size());
  for (size_t i = 0; i < sizes.size(); ++i) {
    EXPECT_EQ(got[i] == contents[i], true) << "source " << i;
    DualHasher h(/*parallel=*/false);
    h.Update(contents[i]);
    Sha256Digest want256;
    Sha512Digest want512;
    h.Finish(&want256, &want512);
    EXPECT_EQ(HexEncode((*d)[i].sha256), HexEncode(want256)) << "source " << i;
    EXPECT_EQ(HexEncode((*d)[i].sha512), HexEncode(want512)) << "source " << i;
    EXPECT_EQ((*d)[i].size, sizes[i]);
  }
}

TEST(ReadAhead, MissingFileAndChangedSizeAreNamedErrors) {
  std::string dir = Fresh("read_ahead_errors");
  std::filesystem::create_directories(dir);
  WriteFile(dir + "/short", Pattern(1000, 7));
  {
    ReadAheadSource s;
    s.name = "bag/data/short";
    s.path = dir + "/short";
    s.expected_size = 2000;  // as if the file shrank after stat()
    ReadAheadHasher r({s});
    absl::Status error;
    Drain(r, 1, &error);
    EXPECT_EQ(error.code(), absl::StatusCode::kDataLoss);
    EXPECT_NE(error.message().find("bag/data/short"), absl::string_view::npos) << error;
  }
  {
    ReadAheadSource ok, missing;
    ok.name = "first";
    ok.use_bytes = true;
    ok.bytes = "abc";
    ok.expected_size = 3;
    missing.name = "bag/data/gone";
    missing.path = dir + "/gone";
    ReadAheadHasher r({ok, missing});
    absl::Status error;
    std::vector<std::string> got = Drain(r, 2, &error);
    EXPECT_EQ(got[0], "abc");  // sources before the failure are still delivered
    EXPECT_EQ(error.code(), absl::StatusCode::kNotFound);
    EXPECT_NE(error.message().find("bag/data/gone"), absl::string_view::npos) << error;
    EXPECT_EQ(r.Finish().status().code(), absl::StatusCode::kNotFound);
  }
}

TEST(ReadAhead, OutOfOrderConsumptionIsRefused) {
  ReadAheadSource a, b;
  a.use_bytes = b.use_bytes = true;
  a.bytes = "first";
  b.bytes = "second";
  a.expected_size = 5;
  b.expected_size = 6;
  ReadAheadHasher r({a, b});
  EXPECT_EQ(r.Next(1).status().code(), absl::StatusCode::kInternal);
}

// A consumer that gives up half-way (libzip failed on the output) must not hang the helpers:
// the reader is blocked on a full ring when the destructor runs.
TEST(ReadAhead, StopsWhenTheConsumerGivesUp) {
  std::string big = Pattern(ReadAheadHasher::kBlocks * kBlock * 2, 3);
  ReadAheadSource s;
  s.use_bytes = true;
  s.bytes = big;
  s.expected_size = big.size();
  ReadAheadHasher r({s});
  ASSERT_TRUE(r.Next(0).ok());
}

}  // namespace
}  // namespace bayyina::transfer

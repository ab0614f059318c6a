#include "transfer/custody_log.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "transfer/merkle.h"

namespace bayyina::transfer {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / name).string();
}

CustodyEvent Event(int i) {
  CustodyEvent e;
  e.time = absl::StrCat("2026-11-29T10:0", i % 10, ":00+03:00");
  e.actor = i % 2 ? "prosecutor" : "service:ocr";
  e.action = i % 3 ? "ocr" : "redact";
  e.case_ref = "بغداد/2026/" + std::to_string(i);  // non-ASCII must survive unescaped
  e.inputs = {Sha256Hex(absl::StrCat("in", i))};
  e.outputs = {Sha256Hex(absl::StrCat("out", i)), Sha256Hex(absl::StrCat("out2", i))};
  return e;
}

CustodyLog MakeLog(int n) {
  CustodyLog log;
  for (int i = 0; i < n; ++i) EXPECT_TRUE(log.Append(Event(i)).ok());
  return log;
}

TEST(CustodyLog, LinesAreCanonicalAndChained) {
  CustodyLog log = MakeLog(3);
  ASSERT_EQ(log.size(), 3u);
  const std::string& first = log.records()[0].line;
  EXPECT_EQ(first.rfind("{\"seq\":1,\"time\":\"2026-11-29T10:00:00+03:00\",", 0), 0u) << first;
  EXPECT_NE(first.find("\"prev\":\"" + std::string(64, '0') + "\"}"), std::string::npos);
  EXPECT_NE(first.find("بغداد"), std::string::npos);
  EXPECT_EQ(first.find(' '), std::string::npos);
  EXPECT_EQ(log.records()[1].prev, Sha256Hex(first));
  EXPECT_EQ(log.records()[2].prev, Sha256Hex(log.records()[1].line));
}

TEST(CustodyLog, RoundTripsThroughParse) {
  CustodyLog log = MakeLog(5);
  absl::StatusOr<CustodyLog> back = CustodyLog::Parse(log.Serialize());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->Serialize(), log.Serialize());
  EXPECT_EQ(back->MerkleRoot(), log.MerkleRoot());
  EXPECT_EQ(back->records()[4].event.case_ref, "بغداد/2026/4");
}

TEST(CustodyLog, RejectsInvalidEvents) {
  CustodyLog log;
  CustodyEvent e = Event(0);
  e.inputs = {"ABC"};
  EXPECT_FALSE(log.Append(e).ok());
  e = Event(0);
  e.time = "2026-11-29 10:00:00";
  EXPECT_FALSE(log.Append(e).ok());
  e = Event(0);
  e.actor.clear();
  EXPECT_FALSE(log.Append(e).ok());
  EXPECT_EQ(log.size(), 0u);
  e = Event(0);
  e.time.clear();  // filled with now
  ASSERT_TRUE(log.Append(e).ok());
  EXPECT_TRUE(absl::EndsWith(log.records()[0].event.time, "+00:00"));
}

TEST(CustodyLog, ParseDetectsEveryKindOfTampering) {
  const std::string good = MakeLog(4).Serialize();
  ASSERT_TRUE(CustodyLog::Parse(good).ok());
  // Every single-byte change must be caught: by JSON shape, canonical form, or the chain (the
  // last line has no successor, so its own checks must catch it).
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    absl::StatusOr<CustodyLog> r = CustodyLog::Parse(bad);
    if (r.ok()) {
      // A flip inside a string value of the last line keeps the log parseable; then the
      // Merkle root (what bag-info.txt records) must differ.
      EXPECT_NE(r->MerkleRoot(), MakeLog(4).MerkleRoot()) << "byte " << i;
    }
  }
  // Dropping a line breaks seq and the chain.
  std::string dropped = good.substr(good.find('\n') + 1);
  EXPECT_FALSE(CustodyLog::Parse(dropped).ok());
  EXPECT_FALSE(CustodyLog::Parse(good.substr(0, good.size() - 1)).ok());
  std::string spaced = good;
  spaced.insert(1, " ");
  EXPECT_FALSE(CustodyLog::Parse(spaced).ok());
}

TEST(CustodyLog, FileAppendsDurablyAndReopens) {
  std::string path = TempPath("custody_file.jsonl");
  std::filesystem::remove(path);
  {
    absl::StatusOr<CustodyLogFile> f = CustodyLogFile::Open(path);
    ASSERT_TRUE(f.ok()) << f.status();
    ASSERT_TRUE(f->Append(Event(0)).ok());
    ASSERT_TRUE(f->Append(Event(1)).ok());
  }
  absl::StatusOr<CustodyLogFile> f = CustodyLogFile::Open(path);
  ASSERT_TRUE(f.ok()) << f.status();
  ASSERT_TRUE(f->Append(Event(2)).ok());
  EXPECT_EQ(f->log().Serialize(), MakeLog(3).Serialize());
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::none);
}

TEST(Merkle, KnownValues) {
  // RFC 9162: the empty tree is SHA-256 of the empty string; one empty leaf is SHA-256(0x00).
  EXPECT_EQ(HexEncode(MerkleTreeHash({})),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexEncode(MerkleTreeHash({std::string()})),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  std::vector<std::string> two = {"a", "b"};
  std::string node(1, '\x01');
  Sha256Digest l = Sha256(std::string(1, '\0') + "a");
  Sha256Digest r = Sha256(std::string(1, '\0') + "b");
  node.append(reinterpret_cast<const char*>(l.data()), 32);
  node.append(reinterpret_cast<const char*>(r.data()), 32);
  EXPECT_EQ(MerkleTreeHash(two), Sha256(node));
}

TEST(Merkle, InclusionProofsVerifyForEveryLeaf) {
  for (size_t n = 1; n <= 13; ++n) {
    std::vector<std::string> leaves;
    for (size_t i = 0; i < n; ++i) leaves.push_back(absl::StrCat("leaf", i));
    Sha256Digest root = MerkleTreeHash(leaves);
    for (size_t i = 0; i < n; ++i) {
      auto proof = MerkleInclusionProof(leaves, i);
      EXPECT_TRUE(VerifyMerkleInclusion(leaves[i], i, n, proof, root)) << n << " " << i;
      EXPECT_FALSE(VerifyMerkleInclusion("other", i, n, proof, root));
      if (n > 1) {
        EXPECT_FALSE(VerifyMerkleInclusion(leaves[i], (i + 1) % n, n, proof, root));
      }
    }
  }
}

// The recipient's view: coreutils alone must reproduce the chain and the root.
TEST(CustodyLog, ShellRecomputesChainAndRootWithSha256sum) {
  const char* src = std::getenv("BAYYINA_SOURCE_DIR");
  ASSERT_NE(src, nullptr) << "BAYYINA_SOURCE_DIR is set by CTest";
  std::string script = absl::StrCat(src, "/transfer/tests/custody_chain_check.sh");
  for (int n : {1, 2, 5, 7}) {
    CustodyLog log = MakeLog(n);
    std::string path = TempPath(absl::StrCat("chain", n, ".jsonl"));
    std::ofstream(path, std::ios::binary) << log.Serialize();
    std::string root = HexEncode(log.MerkleRoot());
    EXPECT_EQ(std::system(absl::StrCat("bash ", script, " ", path, " ", root, " >/dev/null").c_str()), 0)
        << n;
    // A wrong root and a broken chain must both fail in the shell as well.
    EXPECT_NE(std::system(absl::StrCat("bash ", script, " ", path, " ", std::string(64, 'a'),
                                       " 2>/dev/null").c_str()),
              0);
    if (n > 1) {
      std::string text = log.Serialize();
      text[text.find("ocr")] = 'O';
      std::ofstream(path, std::ios::binary) << text;
      EXPECT_NE(std::system(absl::StrCat("bash ", script, " ", path, " ", root, " 2>/dev/null").c_str()), 0);
    }
  }
}

}  // namespace
}  // namespace bayyina::transfer

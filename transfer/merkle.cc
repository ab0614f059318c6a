#include "transfer/merkle.h"

#include <string>

namespace bayyina::transfer {
namespace {

Sha256Digest LeafHash(absl::string_view leaf) {
  std::string buf(1, '\x00');
  buf.append(leaf.data(), leaf.size());
  return Sha256(buf);
}

Sha256Digest NodeHash(const Sha256Digest& left, const Sha256Digest& right) {
  std::string buf(1, '\x01');
  buf.append(reinterpret_cast<const char*>(left.data()), left.size());
  buf.append(reinterpret_cast<const char*>(right.data()), right.size());
  return Sha256(buf);
}

// Largest power of two strictly smaller than n. REQUIRES: n > 1.
size_t SplitPoint(size_t n) {
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

Sha256Digest Hash(absl::Span<const std::string> d) {
  if (d.size() == 1) return LeafHash(d[0]);
  size_t k = SplitPoint(d.size());
  return NodeHash(Hash(d.subspan(0, k)), Hash(d.subspan(k)));
}

void Path(absl::Span<const std::string> d, size_t m, std::vector<Sha256Digest>* out) {
  if (d.size() <= 1) return;
  size_t k = SplitPoint(d.size());
  if (m < k) {
    Path(d.subspan(0, k), m, out);
    out->push_back(Hash(d.subspan(k)));
  } else {
    Path(d.subspan(k), m - k, out);
    out->push_back(Hash(d.subspan(0, k)));
  }
}

}  // namespace

Sha256Digest MerkleTreeHash(absl::Span<const std::string> leaves) {
  if (leaves.empty()) return Sha256("");
  return Hash(leaves);
}

std::vector<Sha256Digest> MerkleInclusionProof(absl::Span<const std::string> leaves,
                                               size_t index) {
  std::vector<Sha256Digest> out;
  Path(leaves, index, &out);
  return out;
}

// RFC 9162 section 2.1.3.2.
bool VerifyMerkleInclusion(absl::string_view leaf, size_t index, size_t tree_size,
                           absl::Span<const Sha256Digest> proof, const Sha256Digest& root) {
  if (index >= tree_size) return false;
  size_t fn = index, sn = tree_size - 1;
  Sha256Digest r = LeafHash(leaf);
  for (const Sha256Digest& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      if (!(fn & 1)) {
        while (fn != 0 && !(fn & 1)) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

}  // namespace bayyina::transfer

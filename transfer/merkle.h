// RFC 9162 (Certificate Transparency 2.0) Merkle Tree Hash over a list of leaves.
#ifndef BAYYINA_TRANSFER_MERKLE_H_
#define BAYYINA_TRANSFER_MERKLE_H_

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "transfer/digest.h"

namespace bayyina::transfer {

// MTH(D[n]) of RFC 9162 section 2.1.1: the empty tree hashes to SHA-256(""), a leaf to
// SHA-256(0x00 || d), a node to SHA-256(0x01 || left || right) with the split at the largest
// power of two smaller than n. Leaves are raw bytes (for the custody log: each line without
// its newline).
Sha256Digest MerkleTreeHash(absl::Span<const std::string> leaves);

// The audit path for leaf `index` (RFC 9162 section 2.1.3.1), and its check. The proof lets a
// recipient show that one custody event belongs to a log with a given root without the others.
// REQUIRES: index < leaves.size().
std::vector<Sha256Digest> MerkleInclusionProof(absl::Span<const std::string> leaves, size_t index);
bool VerifyMerkleInclusion(absl::string_view leaf, size_t index, size_t tree_size,
                           absl::Span<const Sha256Digest> proof, const Sha256Digest& root);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_MERKLE_H_

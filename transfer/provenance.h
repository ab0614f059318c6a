// CASE/UCO (https://caseontology.org) JSON-LD provenance of a package: each custody event as a
// case-investigation:InvestigativeAction whose objects and results are observable:File nodes
// carrying the same SHA-256 (and, for payload files, SHA-512) values as the BagIt manifests.
#ifndef BAYYINA_TRANSFER_PROVENANCE_H_
#define BAYYINA_TRANSFER_PROVENANCE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "transfer/bagit.h"
#include "transfer/custody_log.h"

namespace bayyina::transfer {

// The JSON-LD document (context inlined, so no parser needs the network). `bundle_id` makes
// node IDs unique to this package (e.g. the custody root hex).
std::string FormatCaseUcoProvenance(const CustodyLog& log, const std::vector<BagEntry>& payload,
                                    absl::string_view bundle_id);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_PROVENANCE_H_

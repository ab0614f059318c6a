// RFC 3161 signature timestamps (CAdES-T): a token from a time-stamping authority over the
// signature value, carried as the unsigned attribute id-aa-signatureTimeStampToken.
// OpenSSL only: TS_REQ/TS_RESP for the protocol, OSSL_HTTP_transfer for the HTTP POST.
#ifndef BAYYINA_TRANSFER_TIMESTAMP_H_
#define BAYYINA_TRANSFER_TIMESTAMP_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "transfer/cms_signer.h"

namespace bayyina::transfer {

struct TsaOptions {
  // "http://host[:port]/path". Proxies come from the usual http_proxy / no_proxy variables.
  std::string url;
  int timeout_seconds = 30;
};

// Checks that `url` is an http:// URL the client can use, before any work is done.
// InvalidArgument otherwise (https needs TLS, which this client does not speak).
absl::Status CheckTsaUrl(absl::string_view url);

// Asks the TSA for a token over SHA-256 of `signature_value` (with a random nonce and the
// TSA's certificate requested) and checks the reply: granted, version 1, the imprint and the
// nonce ours. Returns the token (a DER CMS ContentInfo). Errors: InvalidArgument (bad URL),
// Unavailable (TSA unreachable, timeout, or no well-formed reply), DataLoss (the TSA refused or
// its token does not match the request). Messages never hold the URL (it may hold credentials).
absl::StatusOr<std::string> RequestTimestampToken(const TsaOptions& tsa,
                                                  absl::string_view signature_value);

// Returns `cms_der` (a SignedData with one SignerInfo) with the TSA's token over its signature
// value added as id-aa-signatureTimeStampToken. Same errors as RequestTimestampToken, and
// InvalidArgument when `cms_der` is not such a structure.
absl::StatusOr<std::string> AddSignatureTimestamp(absl::string_view cms_der, const TsaOptions& tsa);

struct TimestampInfo {
  std::string gen_time;     // GeneralizedTime as encoded, e.g. "20261129203000Z"
  std::string tsa_subject;  // RFC 2253 subject of the TSA's certificate
};

// Checks `token_der` as a signature timestamp for `signature_value`: a TimeStampToken whose
// message imprint (SHA-256, -384 or -512) is the hash of `signature_value`, signed by a TSA
// certificate with the critical timeStamping extended key usage that chains to `anchors`,
// with an ESS signing-certificate attribute that names it. DataLoss naming the failed check
// (FailedPrecondition when `anchors` is empty).
absl::StatusOr<TimestampInfo> CheckSignatureTimestamp(absl::string_view token_der,
                                                      absl::string_view signature_value,
                                                      const std::vector<X509Ptr>& anchors);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_TIMESTAMP_H_

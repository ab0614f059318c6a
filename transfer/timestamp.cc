#include "transfer/timestamp.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/http.h>
#include <openssl/objects.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "transfer/digest.h"

namespace bayyina::transfer {
namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
void FreeString(char* s) { OPENSSL_free(s); }
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using TsReqPtr = std::unique_ptr<TS_REQ, Deleter<TS_REQ, TS_REQ_free>>;
using TsRespPtr = std::unique_ptr<TS_RESP, Deleter<TS_RESP, TS_RESP_free>>;
using TsVerifyPtr = std::unique_ptr<TS_VERIFY_CTX, Deleter<TS_VERIFY_CTX, TS_VERIFY_CTX_free>>;
using TstInfoPtr = std::unique_ptr<TS_TST_INFO, Deleter<TS_TST_INFO, TS_TST_INFO_free>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, Deleter<PKCS7, PKCS7_free>>;
using CStr = std::unique_ptr<char, Deleter<char, FreeString>>;

struct Url {
  std::string host, port, path;
};

absl::StatusOr<Url> ParseUrl(absl::string_view url) {
  if (!absl::StartsWithIgnoreCase(url, "http://")) {
    return absl::InvalidArgumentError("the TSA URL must start with http:// (https is not supported)");
  }
  std::string u(url);
  int ssl = 0;
  char *host = nullptr, *port = nullptr, *path = nullptr, *query = nullptr;
  int ok = OSSL_HTTP_parse_url(u.c_str(), &ssl, nullptr, &host, &port, nullptr, &path, &query,
                               nullptr);
  CStr h(host), p(port), pa(path), q(query);
  if (ok != 1 || ssl != 0 || host == nullptr || *host == '\0') {
    ERR_clear_error();
    return absl::InvalidArgumentError("the TSA URL is not a valid http:// URL");
  }
  Url out{host, port, path};
  if (query != nullptr && *query != '\0') absl::StrAppend(&out.path, "?", query);
  return out;
}

absl::StatusOr<TsReqPtr> MakeRequest(absl::string_view signature_value) {
  Sha256Digest digest = Sha256(signature_value);
  TsReqPtr req(TS_REQ_new());
  std::unique_ptr<TS_MSG_IMPRINT, Deleter<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free>> imprint(
      TS_MSG_IMPRINT_new());
  std::unique_ptr<X509_ALGOR, Deleter<X509_ALGOR, X509_ALGOR_free>> alg(X509_ALGOR_new());
  std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>> bn(BN_new());
  bool ok = req && imprint && alg && bn && TS_REQ_set_version(req.get(), 1) == 1 &&
            X509_ALGOR_set0(alg.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) == 1 &&
            TS_MSG_IMPRINT_set_algo(imprint.get(), alg.get()) == 1 &&
            TS_MSG_IMPRINT_set_msg(imprint.get(), digest.data(), digest.size()) == 1 &&
            TS_REQ_set_msg_imprint(req.get(), imprint.get()) == 1 &&
            BN_rand(bn.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
            TS_REQ_set_cert_req(req.get(), 1) == 1;
  if (ok) {
    ASN1_INTEGER* nonce = BN_to_ASN1_INTEGER(bn.get(), nullptr);
    ok = nonce != nullptr && TS_REQ_set_nonce(req.get(), nonce) == 1;
    ASN1_INTEGER_free(nonce);
  }
  if (!ok) return absl::InternalError(absl::StrCat("building the timestamp request: ", OpenSslError()));
  return req;
}

bool ParamsAbsentOrNull(const X509_ALGOR* alg) {
  int ptype = V_ASN1_UNDEF;
  X509_ALGOR_get0(nullptr, &ptype, nullptr, alg);
  return ptype == V_ASN1_UNDEF || ptype == V_ASN1_NULL;
}

int AlgorithmNid(const X509_ALGOR* alg) {
  const ASN1_OBJECT* obj = nullptr;
  X509_ALGOR_get0(&obj, nullptr, nullptr, alg);
  return OBJ_obj2nid(obj);
}

bool IsShaTwo(int nid) { return nid == NID_sha256 || nid == NID_sha384 || nid == NID_sha512; }

// What `openssl ts -verify` parses but does not look at, so that a changed byte there would
// pass: the versions (RFC 5652 5.1, 5.3: SignedData v3 for TSTInfo content, one SignerInfo
// v1), digest algorithms and their parameters, the signature algorithm, no CRLs and no unsigned
// attributes.
absl::Status CheckTokenShape(PKCS7* token) {
  auto bad = [](absl::string_view what) {
    return absl::DataLossError(absl::StrCat("timestamp token: ", what));
  };
  if (PKCS7_type_is_signed(token) != 1) return bad("not SignedData");
  const PKCS7_SIGNED* sd = token->d.sign;
  if (ASN1_INTEGER_get(sd->version) != 3) return bad("SignedData version is not 3");
  if (sk_PKCS7_SIGNER_INFO_num(sd->signer_info) != 1) return bad("there must be one SignerInfo");
  const PKCS7_SIGNER_INFO* si = sk_PKCS7_SIGNER_INFO_value(sd->signer_info, 0);
  if (ASN1_INTEGER_get(si->version) != 1) return bad("SignerInfo version is not 1");
  int md = AlgorithmNid(si->digest_alg);
  if (!IsShaTwo(md) || !ParamsAbsentOrNull(si->digest_alg)) return bad("digest is not SHA-2");
  if (sk_X509_ALGOR_num(sd->md_algs) != 1 ||
      AlgorithmNid(sk_X509_ALGOR_value(sd->md_algs, 0)) != md ||
      !ParamsAbsentOrNull(sk_X509_ALGOR_value(sd->md_algs, 0))) {
    return bad("digestAlgorithms must hold exactly the signer's digest");
  }
  int sig = AlgorithmNid(si->digest_enc_alg);
  int ptype = V_ASN1_UNDEF;
  X509_ALGOR_get0(nullptr, &ptype, nullptr, si->digest_enc_alg);
  bool ecdsa = (sig == NID_ecdsa_with_SHA256 || sig == NID_ecdsa_with_SHA384 ||
                sig == NID_ecdsa_with_SHA512) && ptype == V_ASN1_UNDEF;
  bool rsa = (sig == NID_rsaEncryption || sig == NID_sha256WithRSAEncryption ||
              sig == NID_sha384WithRSAEncryption || sig == NID_sha512WithRSAEncryption) &&
             ParamsAbsentOrNull(si->digest_enc_alg);
  int sig_md = NID_undef;
  bool same_md = sig == NID_rsaEncryption ||
                 (OBJ_find_sigid_algs(sig, &sig_md, nullptr) == 1 && sig_md == md);
  if (!(ecdsa || rsa) || !same_md) {
    return bad("signature algorithm is not ECDSA or RSA with the signer's digest");
  }
  if (sk_X509_CRL_num(sd->crl) > 0) return bad("unexpected CRLs");
  if (sk_X509_ATTRIBUTE_num(si->unauth_attr) > 0) return bad("unexpected unsigned attributes");
  return absl::OkStatus();
}

// Every certificate the token carries must be, byte for byte, one of the chain from its TSA
// certificate to the anchors: a spare copy would otherwise be free to change.
absl::Status CheckEmbeddedCertificates(PKCS7* token, const std::vector<X509Ptr>& anchors) {
  STACK_OF(X509)* embedded = token->d.sign->cert;
  STACK_OF(X509)* signers = PKCS7_get0_signers(token, nullptr, 0);
  std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> signers_guard(
      signers, [](STACK_OF(X509)* s) { sk_X509_free(s); });
  if (signers == nullptr || sk_X509_num(signers) != 1) {
    ERR_clear_error();
    return absl::DataLossError("timestamp token: the TSA certificate is not embedded");
  }
  std::unique_ptr<X509_STORE, void (*)(X509_STORE*)> store(X509_STORE_new(), X509_STORE_free);
  for (const auto& a : anchors) X509_STORE_add_cert(store.get(), a.get());
  std::unique_ptr<X509_STORE_CTX, void (*)(X509_STORE_CTX*)> ctx(X509_STORE_CTX_new(),
                                                                X509_STORE_CTX_free);
  X509_STORE_CTX_init(ctx.get(), store.get(), sk_X509_value(signers, 0), embedded);
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_TIMESTAMP_SIGN);
  if (X509_verify_cert(ctx.get()) != 1) {
    ERR_clear_error();
    return absl::DataLossError("timestamp token: the TSA certificate does not chain to the anchors");
  }
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
  for (int i = 0; i < sk_X509_num(embedded); ++i) {
    bool in_chain = false;
    for (int j = 0; j < sk_X509_num(chain) && !in_chain; ++j) {
      in_chain = X509_cmp(sk_X509_value(embedded, i), sk_X509_value(chain, j)) == 0;
    }
    if (!in_chain) {
      return absl::DataLossError("timestamp token: an embedded certificate is not in the TSA's chain");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckTsaUrl(absl::string_view url) { return ParseUrl(url).status(); }

absl::StatusOr<std::string> RequestTimestampToken(const TsaOptions& tsa,
                                                  absl::string_view signature_value) {
  absl::StatusOr<Url> url = ParseUrl(tsa.url);
  if (!url.ok()) return url.status();
  absl::StatusOr<TsReqPtr> req = MakeRequest(signature_value);
  if (!req.ok()) return req.status();
  BioPtr body(BIO_new(BIO_s_mem()));
  if (!body || i2d_TS_REQ_bio(body.get(), req->get()) != 1) {
    return absl::InternalError("encoding the timestamp request failed");
  }
  constexpr size_t kMaxReply = 1 << 20;
  BioPtr reply(OSSL_HTTP_transfer(nullptr, url->host.c_str(), url->port.c_str(),
                                  url->path.c_str(), /*use_ssl=*/0, nullptr, nullptr, nullptr,
                                  nullptr, nullptr, nullptr, 0, nullptr,
                                  "application/timestamp-query", body.get(),
                                  "application/timestamp-reply", /*expect_asn1=*/1, kMaxReply,
                                  tsa.timeout_seconds, /*keep_alive=*/0));
  if (!reply) {
    return absl::UnavailableError(absl::StrCat(
        "the time-stamping authority could not be reached or sent no timestamp reply (",
        OpenSslError(), ")"));
  }
  TsRespPtr resp(d2i_TS_RESP_bio(reply.get(), nullptr));
  if (!resp) {
    ERR_clear_error();
    return absl::UnavailableError("the time-stamping authority's reply is not an RFC 3161 response");
  }
  // Granted, version 1, our imprint and nonce; the TSA's signature is the verifier's to check
  // against its trust anchors.
  TsVerifyPtr ctx(TS_REQ_to_TS_VERIFY_CTX(req->get(), nullptr));
  if (ctx) TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
  if (!ctx || TS_RESP_verify_response(ctx.get(), resp.get()) != 1) {
    return absl::DataLossError(absl::StrCat(
        "the time-stamping authority refused the request or its token does not match it (",
        OpenSslError(), ")"));
  }
  std::string der = Der(TS_RESP_get_token(resp.get()), i2d_PKCS7);
  if (der.empty()) return absl::DataLossError("the time-stamping authority sent no token");
  return der;
}

absl::StatusOr<std::string> AddSignatureTimestamp(absl::string_view cms_der, const TsaOptions& tsa) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(cms_der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())));
  STACK_OF(CMS_SignerInfo)* sis = cms ? CMS_get0_SignerInfos(cms.get()) : nullptr;
  if (sis == nullptr || sk_CMS_SignerInfo_num(sis) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError("timestamping needs a SignedData with one signer");
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(sis, 0);
  const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
  absl::StatusOr<std::string> token = RequestTimestampToken(
      tsa, absl::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(sig)),
                             ASN1_STRING_length(sig)));
  if (!token.ok()) return token.status();
  if (CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE,
                                    token->data(), static_cast<int>(token->size())) != 1) {
    return absl::InternalError(absl::StrCat("adding the timestamp: ", OpenSslError()));
  }
  std::string out = Der(cms.get(), i2d_CMS_ContentInfo);
  if (out.empty()) return absl::InternalError("CMS encoding failed");
  return out;
}

absl::StatusOr<TimestampInfo> CheckSignatureTimestamp(absl::string_view token_der,
                                                      absl::string_view signature_value,
                                                      const std::vector<X509Ptr>& anchors) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(token_der.data());
  Pkcs7Ptr token(d2i_PKCS7(nullptr, &p, static_cast<long>(token_der.size())));
  if (!token || p != reinterpret_cast<const unsigned char*>(token_der.data()) + token_der.size() ||
      Der(token.get(), i2d_PKCS7) != token_der) {
    ERR_clear_error();
    return absl::DataLossError("timestamp token is not DER that re-encodes identically");
  }
  absl::Status shape = CheckTokenShape(token.get());
  if (!shape.ok()) return shape;
  TstInfoPtr info(PKCS7_to_TS_TST_INFO(token.get()));
  if (!info) {
    ERR_clear_error();
    return absl::DataLossError("timestamp token holds no TSTInfo");
  }
  const X509_ALGOR* alg = TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(info.get()));
  const ASN1_OBJECT* obj = nullptr;
  X509_ALGOR_get0(&obj, nullptr, nullptr, alg);
  int nid = OBJ_obj2nid(obj);
  if (nid != NID_sha256 && nid != NID_sha384 && nid != NID_sha512) {
    return absl::DataLossError("timestamp imprint is not SHA-256, SHA-384 or SHA-512");
  }
  if (anchors.empty()) {
    return absl::FailedPreconditionError("timestamp not trusted: no TSA trust anchor given");
  }
  TsVerifyPtr ctx(TS_VERIFY_CTX_new());
  X509_STORE* store = X509_STORE_new();
  BioPtr data(BIO_new_mem_buf(signature_value.data(), static_cast<int>(signature_value.size())));
  if (!ctx || store == nullptr || !data) {
    X509_STORE_free(store);
    return absl::InternalError("out of memory");
  }
  for (const auto& a : anchors) X509_STORE_add_cert(store, a.get());
  TS_VERIFY_CTX_set_store(ctx.get(), store);       // the context owns it now
  TS_VERIFY_CTX_set_data(ctx.get(), data.release());  // and the data
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_DATA);
  if (TS_RESP_verify_token(ctx.get(), token.get()) != 1) {
    return absl::DataLossError(absl::StrCat(
        "timestamp token does not verify over the signature value (", OpenSslError(), ")"));
  }
  absl::Status certs = CheckEmbeddedCertificates(token.get(), anchors);
  if (!certs.ok()) return certs;
  TimestampInfo out;
  const ASN1_GENERALIZEDTIME* t = TS_TST_INFO_get_time(info.get());
  out.gen_time.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t)),
                      ASN1_STRING_length(t));
  STACK_OF(X509)* signers = PKCS7_get0_signers(token.get(), nullptr, 0);
  if (signers != nullptr && sk_X509_num(signers) == 1) {
    out.tsa_subject = CertificateSubject(sk_X509_value(signers, 0));
  }
  sk_X509_free(signers);
  ERR_clear_error();
  return out;
}

}  // namespace bayyina::transfer

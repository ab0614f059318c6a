#ifndef BAYYINA_SERVICES_SERVICE_OPTIONS_H_
#define BAYYINA_SERVICES_SERVICE_OPTIONS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ocr/lazy_engine_pool.h"

namespace bayyina::services {

// Settings every service may read. Owned by the server; services keep a copy.
struct ServiceOptions {
  // Root of persistent state ($BAYYINA_HOME): databases, blobs, keys.
  std::string home;
  // Largest upload a streaming RPC accepts, in bytes.
  int64_t max_upload_bytes = int64_t{512} << 20;
  // The OCR engines of the process. Every service made from copies of one ServiceOptions
  // shares them, so models are loaded once and workers match the cores.
  // RFC 3161 TSAs that a package build may name (bayyinad --tsa-url). The server fetches no
  // other URL on a client's behalf.
  std::vector<std::string> tsa_urls;
  std::shared_ptr<ocr::LazyEnginePool> engines = std::make_shared<ocr::LazyEnginePool>();
};

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_SERVICE_OPTIONS_H_

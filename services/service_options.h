#ifndef BAYYINA_SERVICES_SERVICE_OPTIONS_H_
#define BAYYINA_SERVICES_SERVICE_OPTIONS_H_

#include <cstdint>
#include <string>

namespace bayyina::services {

// Settings every service may read. Owned by the server; services keep a copy.
struct ServiceOptions {
  // Root of persistent state ($BAYYINA_HOME): databases, blobs, keys.
  std::string home;
  // Largest upload a streaming RPC accepts, in bytes.
  int64_t max_upload_bytes = int64_t{512} << 20;
};

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_SERVICE_OPTIONS_H_

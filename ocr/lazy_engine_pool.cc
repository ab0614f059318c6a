#include "ocr/lazy_engine_pool.h"

namespace bayyina::ocr {

absl::StatusOr<EnginePool*> LazyEnginePool::Get() {
  absl::MutexLock lock(&mu_);
  if (pool_ == nullptr) {
    absl::StatusOr<std::unique_ptr<EnginePool>> pool = EnginePool::Create(options_);
    if (!pool.ok()) return pool.status();
    pool_ = std::move(*pool);
  }
  return pool_.get();
}

}  // namespace bayyina::ocr

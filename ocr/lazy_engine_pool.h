#ifndef BAYYINA_OCR_LAZY_ENGINE_POOL_H_
#define BAYYINA_OCR_LAZY_ENGINE_POOL_H_

// An EnginePool that is created on first use and then shared by everyone holding this object.
// A process that hosts several page-reading services (OCR, redaction, cases) keeps one set of
// loaded models and one worker per core instead of a pool per service, and commands that never
// read a page never pay for loading models.

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "ocr/engine.h"

namespace bayyina::ocr {

class LazyEnginePool {
 public:
  explicit LazyEnginePool(EnginePoolOptions options = {}) : options_(std::move(options)) {}

  // The pool, created by the first call. A failed creation is returned to that caller and
  // retried by the next one. The pool lives as long as this object. Thread-safe.
  absl::StatusOr<EnginePool*> Get();

 private:
  const EnginePoolOptions options_;
  absl::Mutex mu_;
  std::unique_ptr<EnginePool> pool_ ABSL_GUARDED_BY(mu_);
};

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_LAZY_ENGINE_POOL_H_

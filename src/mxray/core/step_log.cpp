// See step_log.hpp.
#include "mxray/core/step_log.hpp"

namespace mxray::core {

void StepLog::add(std::string step, Clock::time_point from, Clock::time_point to, bool ok) const {
  if (steps_ == nullptr || steps_->size() >= kMaxTimedSteps) return;
  const auto since = [this](Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(t - origin_).count();
  };
  steps_->push_back(TimedStep{session_, std::move(step), since(from), since(to) - since(from), ok});
}

}  // namespace mxray::core

// The AddressPolicy a job crawls under: public addresses, the exact
// address:port of each start URL (so an intranet job still works), and what
// the job's http.allow_private_addresses adds.
#pragma once

#include <memory>

#include "config/job.hpp"
#include "core/address_policy.hpp"

namespace gleaner::engine {

// Resolves the start URLs' host names (blocking: call before the loop runs).
// A name that does not resolve adds nothing; its fetch will fail on its own.
std::shared_ptr<const AddressPolicy> address_policy_for(const config::Job& job);

}  // namespace gleaner::engine

#include "models/store/tenantstore.h"

namespace tc {

TenantStore::~TenantStore() = default;

} // namespace tc

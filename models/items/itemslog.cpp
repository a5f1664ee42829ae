#include "models/items/itemslog_p.h"

namespace tc {

Q_LOGGING_CATEGORY(lcItems, "tenant.items")

} // namespace tc

#pragma once

#include <QLoggingCategory>

namespace tc {

// The item models' log category ("tenant.items").
Q_DECLARE_LOGGING_CATEGORY(lcItems)

} // namespace tc

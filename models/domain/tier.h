#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace tc {

enum class Tier { Starter, Professional, Enterprise };

QString tierKey(Tier tier);                          // "starter", as stored
std::optional<Tier> tierFromKey(const QString &key); // exact, lower case
QStringList tierKeys();

} // namespace tc

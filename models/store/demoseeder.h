#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace tc {

struct DemoSeedOptions
{
    int tenants = 1000;
    int maxDepth = 3;              // 1..8
    int days = 90;                 // hourly usage history per metered resource
    int memoriesPerTenant = 20;    // on average
    quint64 seed = 42;
    // Exact fan-out per level instead of a random hierarchy, e.g. {100, 100} = 100 top-level
    // tenants with 100 children each; {1, 10000} = 10,000 under one parent. Overrides tenants.
    QList<int> shape;
    bool ifEmpty = false;          // do nothing when tenants exist
    std::function<void(const QString &)> progress; // called on the store's worker thread
};

struct DemoSeedReport
{
    bool skipped = false; // ifEmpty and the database already had tenants
    qint64 tenants = 0;
    qint64 quotas = 0;
    qint64 usageSamples = 0;
    qint64 memories = 0;
    double seconds = 0;
};

} // namespace tc

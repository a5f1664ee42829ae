#pragma once

#include "models/domain/error.h"
#include "models/domain/migration.h"
#include "models/domain/tenant.h"
#include "models/store/connectionprofile.h"
#include "models/store/sessioninfo.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QUuid>

#include <functional>
#include <memory>
#include <vector>

class QLabel;
class QAction;
class QDockWidget;

namespace tc {
class TenantStore;
class TenantTreeModel;
class UsageSource;
}

namespace tc::ui {

class ConnectDialog;
class MigrationJobsPanel;
class MigrationWizard;
class TenantDetailsPane;
class TenantActions;
class TenantTreePanel;
class TopConsumersView;

// Assembles the console: tree panel, details pane, the top consumers dock, actions and status
// bar; owns the store of the current connection and its usage source (the database, or the
// profile's Prometheus server). Knows nothing about how a store talks to its server.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Makes the store for a profile (PgStore for direct profiles, ApiStore later). Fails
    // without contacting anything when the profile itself is malformed.
    using StoreFactory = std::function<std::unique_ptr<TenantStore>(const ConnectionProfile &profile,
                                                                    const QString &password, Error *error)>;

    // Makes the usage history source for a connection's profile and its (open) store: the
    // database (StoreUsageSource) or, say, the profile's Prometheus server. Null and `error`
    // when the profile's settings for it are unusable: history then comes from the database.
    // Set by the application (app/), so ui/ knows no source's transport.
    using UsageSourceFactory = std::function<std::unique_ptr<UsageSource>(const ConnectionProfile &profile,
                                                                          TenantStore *store, Error *error)>;

    // Without a usage source factory, history comes from the database.
    explicit MainWindow(StoreFactory factory, QWidget *parent = nullptr);
    MainWindow(StoreFactory factory, UsageSourceFactory usageSourceFactory, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Connects in the background; on failure shows why and offers the connect dialog.
    void connectTo(const ConnectionProfile &profile, const QString &password = {});
    void showConnectDialog();

    TenantStore *store() const { return m_store.get(); }
    TenantTreeModel *treeModel() const { return m_model; }
    TenantTreePanel *treePanel() const { return m_tree; }
    TenantDetailsPane *detailsPane() const { return m_details; }
    TenantActions *tenantActions() const { return m_tenantActions; }
    TopConsumersView *topConsumers() const { return m_topConsumers; }
    QDockWidget *topConsumersDock() const { return m_topConsumersDock; }
    MigrationJobsPanel *jobsPanel() const { return m_jobsPanel; }
    QDockWidget *jobsDock() const { return m_jobsDock; }
    // Opens the migration wizard with `source` chosen (all of its data for a merge); a source
    // without an id opens it on its first page.
    MigrationWizard *openMigrationWizard(const TenantMatch &source, bool wholeTenant);
    // Opens (or raises) the wizard window that runs `job` in this console.
    MigrationWizard *resumeMigration(const MigrationJob &job);
    UsageSource *usageSource() const { return m_usageSource.get(); }
    // Selects a tenant in the tree, opening the way to it (through a search by its slug when
    // its branch isn't loaded yet). The search's answer ends the reveal, found or not; so does
    // the operator editing the filter.
    void revealTenant(const QUuid &id, const QString &slug);
    const SessionInfo &session() const { return m_session; }

Q_SIGNALS:
    // A connection attempt ended (for tests and automation).
    void connectionFinished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    MigrationWizard *newWizard();
    void attempt(const ConnectionProfile &profile, const QString &password);
    void onOpened(std::unique_ptr<TenantStore> store, const ConnectionProfile &profile, const SessionInfo &session);
    void adopt(std::unique_ptr<TenantStore> store, const ConnectionProfile &profile, const SessionInfo &session);
    void failAttempt(const Error &error, const ConnectionProfile &profile, const QString &password);
    void refreshTenantCount();
    void showError(const Error &error);
    void updateStatus();
    void saveProfile(const ConnectionProfile &profile) const;
    // Lets go of a store without waiting for its running calls on the GUI thread: a busy
    // store is kept until it is idle, then deleted.
    void retire(std::unique_ptr<TenantStore> store);
    void reapRetired();
    ConnectionProfile savedProfile() const;
    // The usage source a profile asks for (through the factory); the database (and a status
    // message) for an unusable one.
    std::unique_ptr<UsageSource> makeUsageSource(const ConnectionProfile &profile);
    bool selectInTree(const QUuid &id);

    StoreFactory m_factory;
    UsageSourceFactory m_usageSourceFactory;
    std::unique_ptr<TenantStore> m_store;
    std::unique_ptr<TenantStore> m_pendingStore;
    std::vector<std::unique_ptr<TenantStore>> m_retired;
    QTimer m_reaper;
    TenantTreeModel *m_model = nullptr;
    SessionInfo m_session;
    ConnectionProfile m_profile;
    bool m_feedLive = false;
    qint64 m_tenantCount = -1;

    TenantTreePanel *m_tree = nullptr;
    TenantDetailsPane *m_details = nullptr;
    TenantActions *m_tenantActions = nullptr;
    TopConsumersView *m_topConsumers = nullptr;
    QDockWidget *m_topConsumersDock = nullptr;
    MigrationJobsPanel *m_jobsPanel = nullptr;
    QDockWidget *m_jobsDock = nullptr;
    QList<QPointer<MigrationWizard>> m_wizards;
    std::unique_ptr<UsageSource> m_usageSource;
    QUuid m_pendingReveal;
    QString m_pendingRevealFilter; // the search that opens the way to it
    QPointer<ConnectDialog> m_connectDialog;
    QAction *m_connectAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_roleLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_feedLabel = nullptr;
    QTimer m_countTimer;
};

} // namespace tc::ui

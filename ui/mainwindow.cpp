#include "ui/mainwindow.h"

#include "models/items/tenanttreemodel.h"
#include "models/store/tenantstore.h"
#include "models/store/usagesource.h"
#include "ui/connectdialog.h"
#include "ui/errortext.h"
#include "ui/migrationjobspanel.h"
#include "ui/migrationwizard.h"
#include "ui/tenantactions.h"
#include "ui/tenantdetailspane.h"
#include "ui/tenanttreepanel.h"
#include "ui/topconsumersview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>

namespace tc::ui {

namespace {
constexpr int kCountRefreshDelayMs = 1000;
constexpr int kStatusMessageMs = 10000;

QString notInTreeText(const QString &slug)
{
    return MainWindow::tr("The tenant %1 is not in the tree (deleted, or not visible to this login).").arg(slug);
}

QString roleText(SessionRole role)
{
    switch (role) {
    case SessionRole::Owner: return MainWindow::tr("Owner");
    case SessionRole::Operator: return MainWindow::tr("Operator");
    case SessionRole::Auditor: return MainWindow::tr("Auditor (read-only)");
    case SessionRole::App: return MainWindow::tr("Platform app role");
    case SessionRole::None: return MainWindow::tr("No tenancy role");
    }
    return {};
}
} // namespace

MainWindow::MainWindow(StoreFactory factory, QWidget *parent) : MainWindow(std::move(factory), {}, parent)
{
}

MainWindow::MainWindow(StoreFactory factory, UsageSourceFactory usageSourceFactory, QWidget *parent)
    : QMainWindow(parent), m_factory(std::move(factory)), m_usageSourceFactory(std::move(usageSourceFactory))
{
    setWindowTitle(tr("Tenant Console"));
    setWindowIcon(QIcon::fromTheme(QStringLiteral("network-server")));

    m_tree = new TenantTreePanel(this);
    m_details = new TenantDetailsPane(this);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_tree);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    splitter->setContentsMargins(6, 6, 6, 0);
    setCentralWidget(splitter);

    connect(m_tree, &TenantTreePanel::currentTenantChanged, m_details, &TenantDetailsPane::setTenant);

    m_serverLabel = new QLabel(this);
    m_serverLabel->setObjectName(QStringLiteral("statusServer"));
    m_roleLabel = new QLabel(this);
    m_roleLabel->setObjectName(QStringLiteral("statusRole"));
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("statusCount"));
    m_feedLabel = new QLabel(this);
    m_feedLabel->setObjectName(QStringLiteral("statusFeed"));
    statusBar()->addPermanentWidget(m_serverLabel);
    statusBar()->addPermanentWidget(m_roleLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_feedLabel);

    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(kCountRefreshDelayMs);
    connect(&m_countTimer, &QTimer::timeout, this, &MainWindow::refreshTenantCount);
    m_reaper.setInterval(250);
    connect(&m_reaper, &QTimer::timeout, this, &MainWindow::reapRetired);

    m_tenantActions = new TenantActions(m_tree, this);
    connect(m_tenantActions, &TenantActions::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kStatusMessageMs); });
    m_details->setLifecycleActions(m_tenantActions->lifecycleActions());

    m_topConsumers = new TopConsumersView(this);
    m_topConsumers->setObjectName(QStringLiteral("topConsumers"));
    m_topConsumersDock = new QDockWidget(tr("Top Consumers"), this);
    m_topConsumersDock->setObjectName(QStringLiteral("topConsumersDock"));
    m_topConsumersDock->setWidget(m_topConsumers);
    m_topConsumersDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_topConsumersDock);
    m_topConsumersDock->hide();
    connect(m_topConsumers, &TopConsumersView::tenantActivated, this, &MainWindow::revealTenant);

    m_jobsPanel = new MigrationJobsPanel(this);
    m_jobsPanel->setObjectName(QStringLiteral("jobsPanel"));
    m_jobsDock = new QDockWidget(tr("Migration Jobs"), this);
    m_jobsDock->setObjectName(QStringLiteral("jobsDock"));
    m_jobsDock->setWidget(m_jobsPanel);
    m_jobsDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);
    m_jobsDock->hide();
    connect(m_jobsPanel, &MigrationJobsPanel::newMigrationRequested, this, [this] {
        openMigrationWizard(m_model ? m_model->matchAt(m_tree->view()->currentIndex()) : TenantMatch{}, false);
    });
    connect(m_jobsPanel, &MigrationJobsPanel::resumeRequested, this, &MainWindow::resumeMigration);
    connect(m_jobsPanel, &MigrationJobsPanel::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kStatusMessageMs); });
    connect(m_tenantActions, &TenantActions::migrationRequested, this, &MainWindow::openMigrationWizard);
    // The operator's own filter ends a reveal under way (a later search must not jump).
    connect(m_tree->filterEdit(), &QLineEdit::textEdited, this, [this] {
        m_pendingReveal = QUuid();
        m_pendingRevealFilter.clear();
    });

    createActions();
    updateStatus();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow()
{
    // A wizard running a job pauses it (after the current batch) before the store goes, so
    // closing the console never waits for a whole job.
    for (const QPointer<MigrationWizard> &wizard : std::as_const(m_wizards))
        delete wizard.data();
    // The model talks to the store: it goes first.
    m_tree->setModel(nullptr);
    delete m_model;
    m_details->setStore(nullptr);
    m_topConsumers->setStore(nullptr);
    m_jobsPanel->setStore(nullptr, false);
}

void MainWindow::createActions()
{
    m_connectAction = new QAction(QIcon::fromTheme(QStringLiteral("network-connect")), tr("&Connect…"), this);
    m_connectAction->setShortcut(QKeySequence::Open);
    m_connectAction->setToolTip(tr("Connect to a tenant database (Ctrl+O)"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::showConnectDialog);

    m_refreshAction = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Refresh"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Reload the tenant tree from the server (F5)"));
    m_refreshAction->setEnabled(false);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        if (m_model) {
            m_tree->filterEdit()->clear();
            m_model->reload();
            refreshTenantCount();
        }
    });

    auto *quit = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    auto *findAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-find")), tr("&Find Tenant…"), this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, this, [this] {
        m_tree->filterEdit()->setFocus();
        m_tree->filterEdit()->selectAll();
    });

    auto *about = new QAction(tr("&About Tenant Console"), this);
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Tenant Console"),
                           tr("<h3>Tenant Console %1</h3><p>Administration of tenants, quotas, usage and "
                              "lifecycle for a multi-tenant platform.</p>")
                               .arg(QApplication::applicationVersion()));
    });

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_connectAction);
    file->addSeparator();
    file->addAction(quit);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(findAction);
    view->addAction(m_refreshAction);
    view->addSeparator();
    view->addAction(m_tree->showDeletedAction());
    QAction *topConsumers = m_topConsumersDock->toggleViewAction();
    topConsumers->setObjectName(QStringLiteral("actionTopConsumers"));
    topConsumers->setText(tr("Top &Consumers"));
    topConsumers->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    topConsumers->setToolTip(tr("Tenants by share of their limit used, with the date each reaches it (Ctrl+Shift+U)"));
    topConsumers->setStatusTip(tr("Show the tenants nearest their limits."));
    view->addAction(topConsumers);
    QAction *jobs = m_jobsDock->toggleViewAction();
    jobs->setObjectName(QStringLiteral("actionMigrationJobs"));
    jobs->setText(tr("Migration &Jobs"));
    jobs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    jobs->setToolTip(tr("Data migration jobs of every console: progress, resume, cancel (Ctrl+Shift+J)"));
    jobs->setStatusTip(tr("Show the data migration jobs."));
    view->addAction(jobs);
    QMenu *tenant = menuBar()->addMenu(tr("&Tenant"));
    m_tenantActions->addToMenu(tenant);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(about);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_connectAction);
    toolbar->addAction(m_refreshAction);
    toolbar->addSeparator();
    m_tenantActions->addToToolBar(toolbar);
}

MigrationWizard *MainWindow::newWizard()
{
    if (!m_store || !m_session.canWrite())
        return nullptr;
    auto *wizard = new MigrationWizard(m_store.get(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &MigrationWizard::jobChanged, m_jobsPanel, &MigrationJobsPanel::updateJob);
    m_wizards.removeAll(nullptr);
    m_wizards.append(wizard);
    return wizard;
}

MigrationWizard *MainWindow::openMigrationWizard(const TenantMatch &source, bool wholeTenant)
{
    MigrationWizard *wizard = newWizard();
    if (!wizard)
        return nullptr;
    if (!source.tenant.id.isNull())
        wizard->setSource(source, wholeTenant);
    wizard->show();
    return wizard;
}

MigrationWizard *MainWindow::resumeMigration(const MigrationJob &job)
{
    // A job this console runs already has its window.
    for (const QPointer<MigrationWizard> &open : std::as_const(m_wizards)) {
        if (open && open->job().id == job.id) {
            open->raise();
            open->activateWindow();
            return open;
        }
    }
    MigrationWizard *wizard = newWizard();
    if (!wizard)
        return nullptr;
    wizard->resumeJob(job);
    wizard->show();
    return wizard;
}

void MainWindow::connectTo(const ConnectionProfile &profile, const QString &password)
{
    attempt(profile, password);
}

void MainWindow::showConnectDialog()
{
    if (!m_connectDialog) {
        m_connectDialog = new ConnectDialog(this);
        m_connectDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_connectDialog, &ConnectDialog::connectRequested, this, &MainWindow::attempt);
        connect(m_connectDialog, &QDialog::rejected, this, [this] {
            retire(std::move(m_pendingStore)); // abandon a running attempt
            statusBar()->clearMessage();
        });
    }
    m_connectDialog->setProfile(m_profile.conninfo.isEmpty() && m_profile.host.isEmpty() ? savedProfile() : m_profile);
    m_connectDialog->open();
}

void MainWindow::attempt(const ConnectionProfile &profile, const QString &password)
{
    Error error;
    std::unique_ptr<TenantStore> store = m_factory(profile, password, &error);
    if (!store) {
        failAttempt(error, profile, password);
        return;
    }
    statusBar()->showMessage(tr("Connecting to %1…").arg(profile.summary()));
    retire(std::move(m_pendingStore)); // a newer attempt supersedes a running one
    m_pendingStore = std::move(store);
    TenantStore *raw = m_pendingStore.get();
    raw->open().then(this, [this, raw, profile, password](const Result<SessionInfo> &result) {
        if (m_pendingStore.get() != raw)
            return; // cancelled or superseded by a newer attempt
        std::unique_ptr<TenantStore> opened = std::move(m_pendingStore);
        if (!result.ok()) {
            failAttempt(result.error(), profile, password);
            return;
        }
        onOpened(std::move(opened), profile, result.value());
    });
}

void MainWindow::onOpened(std::unique_ptr<TenantStore> store, const ConnectionProfile &profile,
                          const SessionInfo &session)
{
    if (session.schemaTooNew()) {
        failAttempt({ErrorKind::SchemaTooNew, {}}, profile, {});
        return;
    }
    if (!session.schemaMissing() && !session.schemaOutdated()) {
        adopt(std::move(store), profile, session);
        return;
    }
    const ErrorKind kind = session.schemaMissing() ? ErrorKind::SchemaMissing : ErrorKind::SchemaOutdated;
    if (session.role != SessionRole::Owner) {
        failAttempt({kind, {}}, profile, {});
        return;
    }
    const QString question = session.schemaMissing()
        ? tr("The database %1 has no Tenant Console schema yet. Create it now (schema version %2)?")
              .arg(session.server)
              .arg(session.bundledSchemaVersion)
        : tr("The database %1 is at schema version %2; this console needs version %3. Apply the pending "
             "migrations now? Other consoles connected to it keep working.")
              .arg(session.server)
              .arg(session.schemaVersion)
              .arg(session.bundledSchemaVersion);
    if (QMessageBox::question(m_connectDialog ? static_cast<QWidget *>(m_connectDialog) : this,
                              tr("Database schema"), question)
        != QMessageBox::Yes) {
        failAttempt({kind, {}}, profile, {});
        return;
    }
    retire(std::move(m_pendingStore)); // the question box's event loop may have started another attempt
    m_pendingStore = std::move(store);
    TenantStore *raw = m_pendingStore.get();
    statusBar()->showMessage(tr("Applying schema migrations…"));
    raw->migrateSchema().then(this, [this, raw, profile](const Result<int> &migrated) {
        if (m_pendingStore.get() != raw)
            return;
        if (!migrated.ok()) {
            retire(std::move(m_pendingStore));
            failAttempt(migrated.error(), profile, {});
            return;
        }
        raw->open().then(this, [this, raw, profile](const Result<SessionInfo> &reopened) {
            if (m_pendingStore.get() != raw)
                return;
            std::unique_ptr<TenantStore> ready = std::move(m_pendingStore);
            if (!reopened.ok())
                failAttempt(reopened.error(), profile, {});
            else
                adopt(std::move(ready), profile, reopened.value());
        });
    });
}

void MainWindow::adopt(std::unique_ptr<TenantStore> store, const ConnectionProfile &profile,
                       const SessionInfo &session)
{
    m_tree->setModel(nullptr);
    delete m_model;
    m_model = nullptr;
    retire(std::move(m_store));
    m_store = std::move(store);
    m_session = session;
    m_profile = profile;
    m_feedLive = m_store->isChangeFeedLive();
    m_tenantCount = -1;
    // The models of the new connection get their usage source before anything loads; the
    // old source goes once nothing uses it.
    std::unique_ptr<UsageSource> usageSource = makeUsageSource(profile);
    m_details->setStore(m_store.get(), usageSource.get());
    m_usageSource = std::move(usageSource);
    m_details->setReadOnly(!session.canWrite());
    m_topConsumers->setStore(m_store.get());
    m_jobsPanel->setStore(m_store.get(), session.canWrite());
    // Wizards of the old connection run on its store: they close (pausing their jobs).
    for (const QPointer<MigrationWizard> &wizard : std::as_const(m_wizards)) {
        if (wizard)
            wizard->done(QDialog::Rejected);
    }
    m_pendingReveal = QUuid();
    m_pendingRevealFilter.clear();

    m_model = new TenantTreeModel(m_store.get(), this);
    connect(m_model, &TenantTreeModel::errorOccurred, this, &MainWindow::showError);
    // A failed search will not answer the reveal.
    connect(m_model, &TenantTreeModel::errorOccurred, this, [this] {
        m_pendingReveal = QUuid();
        m_pendingRevealFilter.clear();
    });
    connect(m_model, &TenantTreeModel::loadingChanged, this, [this](bool loading) {
        if (loading && statusBar()->currentMessage().isEmpty()) // never over a message that says what happened
            statusBar()->showMessage(tr("Loading…"));
        else if (statusBar()->currentMessage() == tr("Loading…"))
            statusBar()->clearMessage();
    });
    connect(m_store.get(), &TenantStore::tenantChanged, this, [this](const TenantChange &change) {
        if (change.table == QLatin1String("tenants") && change.operation != TenantChange::Operation::Update)
            m_countTimer.start();
    });
    connect(m_store.get(), &TenantStore::changeFeedChanged, this, [this](bool live) {
        m_feedLive = live;
        updateStatus();
    });
    m_tree->setModel(m_model);
    // Connected after the tree panel's own handler, which puts the cursor on the first match:
    // the tenant asked for wins.
    connect(m_model, &TenantTreeModel::filterApplied, this, [this](const QString &text) {
        // The answer to the reveal's own search ends it, found or not; another filter's
        // answer (one applied before) leaves it waiting.
        if (m_pendingReveal.isNull() || text != m_pendingRevealFilter)
            return;
        const QUuid id = m_pendingReveal;
        m_pendingReveal = QUuid();
        m_pendingRevealFilter.clear();
        if (!selectInTree(id))
            statusBar()->showMessage(notInTreeText(text), kStatusMessageMs);
    });
    m_model->reload();
    m_refreshAction->setEnabled(true);
    m_tenantActions->setContext(m_store.get(), m_model, session);

    saveProfile(profile);
    setWindowTitle(tr("%1 — Tenant Console").arg(session.server));
    statusBar()->clearMessage();
    updateStatus();
    refreshTenantCount();
    if (m_connectDialog)
        m_connectDialog->accept();
    m_tree->view()->setFocus();
    Q_EMIT connectionFinished(true);
}

void MainWindow::failAttempt(const Error &error, const ConnectionProfile &profile, const QString &password)
{
    statusBar()->clearMessage();
    QString message = errorText(error);
    if (error.kind == ErrorKind::AuthenticationFailed && password.isEmpty())
        message = tr("The server asks for a password. Enter it and connect again.");
    if (!m_connectDialog || !m_connectDialog->isVisible()) {
        showConnectDialog();
        m_connectDialog->setProfile(profile);
    }
    m_connectDialog->setBusy(false);
    m_connectDialog->showError(message, error.detail.isEmpty() ? error.message : error.detail);
    if (error.kind == ErrorKind::AuthenticationFailed)
        m_connectDialog->focusPassword();
    if (!m_store)
        m_details->setPlaceholder(tr("Not connected. Use File › Connect… (Ctrl+O) to open a tenant database."));
    Q_EMIT connectionFinished(false);
}

void MainWindow::refreshTenantCount()
{
    if (!m_store)
        return;
    TenantStore *store = m_store.get();
    store->tenantCount().then(this, [this, store](const Result<qint64> &count) {
        if (store != m_store.get() || !count.ok())
            return;
        m_tenantCount = count.value();
        updateStatus();
    });
}

void MainWindow::showError(const Error &error)
{
    statusBar()->showMessage(errorTitle(error) + QStringLiteral(": ") + errorText(error), kStatusMessageMs);
}

void MainWindow::updateStatus()
{
    const bool connected = m_store != nullptr;
    m_serverLabel->setText(connected ? m_session.server : tr("Not connected"));
    m_serverLabel->setToolTip(connected ? tr("PostgreSQL %1, logged in as %2")
                                              .arg(m_session.serverVersion, m_session.user)
                                        : QString());
    m_roleLabel->setVisible(connected);
    m_roleLabel->setText(tr("Role: %1").arg(roleText(m_session.role)));
    m_roleLabel->setToolTip(m_session.canWrite()
                                ? tr("You may change tenants; the database checks every change.")
                                : tr("Read-only: the database refuses changes from this login."));
    m_countLabel->setVisible(connected && m_tenantCount >= 0);
    m_countLabel->setText(tr("%1 tenants").arg(QLocale().toString(m_tenantCount)));
    m_feedLabel->setVisible(connected);
    m_feedLabel->setText(m_feedLive ? tr("● Live") : tr("○ Updates paused"));
    m_feedLabel->setToolTip(m_feedLive ? tr("Changes made by other sessions appear within a second.")
                                       : tr("Not listening for changes from other sessions; press F5 to reload."));
    if (!connected)
        m_details->setPlaceholder(tr("Not connected. Use File › Connect… (Ctrl+O) to open a tenant database."));
}

void MainWindow::retire(std::unique_ptr<TenantStore> store)
{
    if (!store)
        return;
    disconnect(store.get(), nullptr, this, nullptr);
    if (!store->isBusy())
        return; // idle: deleting it now is quick
    m_retired.push_back(std::move(store));
    m_reaper.start();
}

void MainWindow::reapRetired()
{
    std::erase_if(m_retired, [](const std::unique_ptr<TenantStore> &s) { return !s->isBusy(); });
    if (m_retired.empty())
        m_reaper.stop();
}

void MainWindow::saveProfile(const ConnectionProfile &profile) const
{
    // Never the password: profiles hold no secret.
    QSettings settings;
    settings.beginGroup(QStringLiteral("profile"));
    settings.setValue(QStringLiteral("host"), profile.host);
    settings.setValue(QStringLiteral("port"), profile.port);
    settings.setValue(QStringLiteral("database"), profile.database);
    settings.setValue(QStringLiteral("user"), profile.user);
    settings.setValue(QStringLiteral("sslmode"), profile.sslMode);
    settings.setValue(QStringLiteral("conninfo"), profile.summary() == profile.conninfo ? profile.conninfo : QString());
    settings.setValue(QStringLiteral("prometheus_url"), profile.prometheusUrl);
    settings.setValue(QStringLiteral("prometheus_metric"), profile.prometheusMetric);
}

ConnectionProfile MainWindow::savedProfile() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("profile"));
    ConnectionProfile p;
    p.host = settings.value(QStringLiteral("host")).toString();
    p.port = settings.value(QStringLiteral("port"), 5432).toInt();
    p.database = settings.value(QStringLiteral("database")).toString();
    p.user = settings.value(QStringLiteral("user")).toString();
    p.sslMode = settings.value(QStringLiteral("sslmode")).toString();
    p.conninfo = settings.value(QStringLiteral("conninfo")).toString();
    p.prometheusUrl = settings.value(QStringLiteral("prometheus_url")).toString();
    p.prometheusMetric = settings.value(QStringLiteral("prometheus_metric")).toString();
    return p;
}

std::unique_ptr<UsageSource> MainWindow::makeUsageSource(const ConnectionProfile &profile)
{
    if (!m_usageSourceFactory)
        return std::make_unique<StoreUsageSource>(m_store.get());
    Error error;
    std::unique_ptr<UsageSource> source = m_usageSourceFactory(profile, m_store.get(), &error);
    if (source)
        return source;
    QString message = tr("The usage history settings of this profile are not usable; usage history comes from "
                         "the database.");
    if (!error.message.isEmpty())
        message += QLatin1Char(' ') + error.message;
    statusBar()->showMessage(message, kStatusMessageMs);
    return std::make_unique<StoreUsageSource>(m_store.get());
}

bool MainWindow::selectInTree(const QUuid &id)
{
    const QModelIndex index = m_model ? m_model->indexOf(id) : QModelIndex();
    if (!index.isValid())
        return false;
    QTreeView *view = m_tree->view();
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        view->expand(parent);
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(index);
    view->setFocus();
    return true;
}

void MainWindow::revealTenant(const QUuid &id, const QString &slug)
{
    if (!m_model || id.isNull())
        return;
    m_pendingReveal = QUuid();
    m_pendingRevealFilter.clear();
    if (selectInTree(id))
        return;
    // Not loaded yet: the server's search opens the way to it, then it is selected.
    const QString filter = slug.trimmed();
    if (filter.isEmpty() || m_model->filter() == filter) {
        // Its own search is shown and it isn't there: no answer to wait for.
        statusBar()->showMessage(notInTreeText(slug), kStatusMessageMs);
        return;
    }
    m_pendingReveal = id;
    m_pendingRevealFilter = filter;
    m_tree->filterEdit()->setText(slug);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (auto *splitter = qobject_cast<QSplitter *>(centralWidget()))
        settings.setValue(QStringLiteral("window/splitter"), splitter->saveState());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace tc::ui

#pragma once

#include <QTimer>
#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QTableView;

namespace tc {
class SelectorRowsModel;
}

namespace tc::ui {

class MigrationWizard;

// Step 3: what to move. Either everything of the source (a merge of the whole tenant's data)
// or the rows whose metadata match a selector, built as rows of field / operator / value and
// shown as the selector's JSON beside them. Either side can be edited: the rows rewrite the
// JSON at once; an edited JSON (checked as typed, errors with line and column) rewrites the
// rows when rows can show it — a selector with $or is edited as JSON only.
class MigrationSelectorPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit MigrationSelectorPage(MigrationWizard *wizard);

    bool isComplete() const override;
    void initializePage() override;
    bool validatePage() override;

    SelectorRowsModel *rowsModel() const { return m_rows; }
    QTableView *rowsView() const { return m_view; }
    QPlainTextEdit *jsonEdit() const { return m_json; }
    QRadioButton *everythingButton() const { return m_everything; }
    QRadioButton *matchingButton() const { return m_matching; }

private:
    void onRowsChanged();
    void onJsonEdited();
    void parseJson();
    void addCondition();
    void removeConditions();
    void updateMode();
    void setStatus(const QString &text, bool problem);

    MigrationWizard *m_wizard = nullptr;
    SelectorRowsModel *m_rows = nullptr;
    QRadioButton *m_everything = nullptr;
    QRadioButton *m_matching = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_rowsNote = nullptr;
    QTimer m_parseTimer;
    bool m_syncing = false;  // one side is being rewritten from the other
    bool m_jsonValid = true;
    bool m_rowsUsable = true; // the rows can show the selector (no $or)
    bool m_matchesAll = true;
    QString m_canonical = QStringLiteral("{}");
};

} // namespace tc::ui

/* chq-a11y.c: what a screen reader hears of the widgets GTK 4.8 names badly
 *
 * GTK 4.8 names a button with a label twice: its accessible label is the raw text (with the
 * mnemonic underline) and it is also labelled by its label child, so Orca reads "_Save Save".
 * A dropdown's focusable part, its inner toggle button, has no name at all ("GtkToggleButton")
 * and the item shown inside it is a focusable "GtkListItemWidget". chq_a11y_tidy() puts that
 * right for every such widget under a window, page or row, once its template is built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-a11y"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "chq-a11y.h"

#define TIDY_KEY "chq-a11y-tidy"

/* The label child speaks for the button: drop the raw copy GTK sets as its label. */
static void
on_button_label_cb (GtkWidget  *button,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  if (gtk_button_get_label (GTK_BUTTON (button)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
tidy_button (GtkWidget *button)
{
  if (g_object_get_data (G_OBJECT (button), TIDY_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (button), TIDY_KEY, GINT_TO_POINTER (1));
  g_signal_connect (button, "notify::label", G_CALLBACK (on_button_label_cb), NULL);
  on_button_label_cb (button, NULL, NULL);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static void
unfocus_descendants (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_focusable (child, FALSE);
      unfocus_descendants (child);
    }
}

/* The item shown in the button is made when the choice changes: keep it out of the focus
 * chain and let its text describe the button. */
static void
on_dropdown_selected_cb (GtkWidget  *dropdown,
                         GParamSpec *pspec,
                         GtkWidget  *toggle)
{
  GtkWidget *value;

  unfocus_descendants (toggle);
  value = find_descendant (toggle, GTK_TYPE_LABEL);
  if (value != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (toggle),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, value, NULL, -1);
}

/* The toggle button is named by the dropdown's mnemonic label, or else by the dropdown's
 * own accessible label. */
static void
tidy_dropdown (GtkWidget *dropdown)
{
  g_autoptr(GList) labels = NULL;
  GtkWidget *toggle;

  if (g_object_get_data (G_OBJECT (dropdown), TIDY_KEY) != NULL)
    return;
  toggle = find_descendant (dropdown, GTK_TYPE_TOGGLE_BUTTON);
  if (toggle == NULL)
    return;
  g_object_set_data (G_OBJECT (dropdown), TIDY_KEY, GINT_TO_POINTER (1));

  labels = gtk_widget_list_mnemonic_labels (dropdown);
  if (labels != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (toggle),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, labels->data, NULL, -1);
  else
    gtk_accessible_update_relation (GTK_ACCESSIBLE (toggle),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, dropdown, NULL, -1);

  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_dropdown_selected_cb),
                           toggle, G_CONNECT_AFTER);
  on_dropdown_selected_cb (dropdown, NULL, toggle);
}

static char *
item_string (GObject *item)
{
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  if (ADW_IS_ENUM_LIST_ITEM (item))
    return g_strdup (adw_enum_list_item_get_nick (ADW_ENUM_LIST_ITEM (item)));

  return NULL;
}

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

/* The choices of a combo row, each named where the focus lands. */
static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AdwComboRow              *row)
{
  GtkExpression *expression = adw_combo_row_get_expression (row);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (expression != NULL)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (gtk_expression_evaluate (expression, gtk_list_item_get_item (item), &value) &&
          G_VALUE_HOLDS_STRING (&value))
        text = g_value_dup_string (&value);
    }
  if (text == NULL)
    text = item_string (gtk_list_item_get_item (item));

  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  if (text != NULL)
    chq_a11y_name_list_item (label, text, NULL);
  /* The choice shown in the row itself is read with the row, not a Tab stop of its own. */
  if (gtk_widget_get_ancestor (label, GTK_TYPE_POPOVER) == NULL && gtk_widget_get_parent (label) != NULL)
    gtk_widget_set_focusable (gtk_widget_get_parent (label), FALSE);
}

static void
tidy_combo_row (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkWidget *list = find_descendant (GTK_WIDGET (row), GTK_TYPE_LIST_VIEW);
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *name = NULL;

  if (g_object_get_data (G_OBJECT (row), TIDY_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (row), TIDY_KEY, GINT_TO_POINTER (1));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_choice_cb), row, 0);
  adw_combo_row_set_factory (row, factory);

  if (list != NULL && title != NULL &&
      pango_parse_markup (title, -1, adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)) ? '_' : 0,
                          NULL, &name, NULL, NULL))
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* A preferences group's list is named by its title, or by its first row's. */
static void
tidy_preferences_group (AdwPreferencesGroup *group)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (group), GTK_TYPE_LIST_BOX);
  const char *title = adw_preferences_group_get_title (group);
  GtkWidget *first;

  /* With a title, libadwaita has the list labelled by it. */
  if (list == NULL || (title != NULL && *title != '\0'))
    return;
  first = find_descendant (list, ADW_TYPE_PREFERENCES_ROW);
  title = first != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)) : NULL;
  if (title != NULL && *title != '\0')
    {
      g_autofree char *name = NULL;

      if (!pango_parse_markup (title, -1, '_', NULL, &name, NULL, NULL))
        name = g_strdup (title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

/* A column view's header row and inner list have no names in GTK 4.8: the list takes the
 * view's, the header says what it is. */
static void
tidy_column_view (GtkWidget *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child) || g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkColumnListView"))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, view, NULL, -1);
      else if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkListItemWidget"))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Column headers"), -1);
    }
}

/* An expander row holds two lists in libadwaita 1.2: one around its header row, one (styled
 * "nested") for the rows it expands to. Neither has a name of its own. */
static void
expander_lists (AdwExpanderRow  *row,
                GtkWidget      **header,
                GtkWidget      **nested)
{
  *header = find_descendant (GTK_WIDGET (row), GTK_TYPE_LIST_BOX);
  *nested = NULL;
  for (GtkWidget *child = *header != NULL ? gtk_widget_get_next_sibling (*header) : NULL;
       child != NULL && *nested == NULL;
       child = gtk_widget_get_next_sibling (child))
    *nested = GTK_IS_LIST_BOX (child) ? child : find_descendant (child, GTK_TYPE_LIST_BOX);
}

/* An expander row nobody named: its lists take its title, kept up to date. */
static void
on_expander_title_cb (AdwExpanderRow *row,
                      GParamSpec     *pspec,
                      gpointer        user_data)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *name = NULL;
  GtkWidget *header, *nested;

  if (title == NULL || *title == '\0')
    return;
  if (!adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)) ||
      !pango_parse_markup (title, -1, 0, NULL, &name, NULL, NULL))
    name = g_strdup (title);

  expander_lists (row, &header, &nested);
  if (header != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (nested != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (nested), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
tidy_expander_row (AdwExpanderRow *row)
{
  if (g_object_get_data (G_OBJECT (row), TIDY_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (row), TIDY_KEY, GINT_TO_POINTER (1));
  g_signal_connect (row, "notify::title", G_CALLBACK (on_expander_title_cb), NULL);
  on_expander_title_cb (row, NULL, NULL);
}

/**
 * chq_a11y_name_expander_row:
 * @row: an expander row
 * @label: what a screen reader says of the row
 * @list_label: what it says of the list of rows @row expands to
 *
 * Names @row and the two lists libadwaita 1.2 builds inside it and leaves unnamed (a screen
 * reader would say "GtkListBox"): the one around its header takes @label, the one it
 * expands to @list_label. Call again when they change.
 */
void
chq_a11y_name_expander_row (AdwExpanderRow *row,
                            const char     *label,
                            const char     *list_label)
{
  GtkWidget *header, *nested;

  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));
  g_return_if_fail (label != NULL && list_label != NULL);

  /* Named here, not by its title. */
  if (g_object_get_data (G_OBJECT (row), TIDY_KEY) != NULL)
    g_signal_handlers_disconnect_by_func (row, on_expander_title_cb, NULL);
  g_object_set_data (G_OBJECT (row), TIDY_KEY, GINT_TO_POINTER (1));

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  expander_lists (row, &header, &nested);
  if (header != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (nested != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (nested), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    list_label, -1);
}

/**
 * chq_a11y_tidy:
 * @root: a widget whose template is built
 *
 * Names, for screen readers, the buttons and dropdowns under @root as GTK 4.8 should have:
 * each button with a label once, by its label; each dropdown's toggle button by the dropdown's
 * label, described by the choice it shows. Takes the rows that only show information out of
 * the focus chain. Safe to call again on the same widgets.
 */
void
chq_a11y_tidy (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_DROP_DOWN (root))
    {
      tidy_dropdown (root);
      return;
    }
  if (GTK_IS_BUTTON (root))
    tidy_button (root);
  if (GTK_IS_COLUMN_VIEW (root))
    tidy_column_view (root);
  if (ADW_IS_COMBO_ROW (root))
    tidy_combo_row (ADW_COMBO_ROW (root));
  if (ADW_IS_PREFERENCES_GROUP (root))
    tidy_preferences_group (ADW_PREFERENCES_GROUP (root));
  if (ADW_IS_EXPANDER_ROW (root))
    tidy_expander_row (ADW_EXPANDER_ROW (root));
  /* A row that only shows information is read with its list, not a Tab stop that does
   * nothing (its buttons, if any, still are). */
  if (ADW_IS_ACTION_ROW (root) && !ADW_IS_COMBO_ROW (root) &&
      adw_action_row_get_activatable_widget (ADW_ACTION_ROW (root)) == NULL &&
      !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (root)))
    gtk_widget_set_focusable (root, FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    chq_a11y_tidy (child);
}

/**
 * chq_a11y_wrap_labels:
 * @widget: a button, a check button, or any widget showing text
 *
 * Lets every label in @widget wrap onto a second line rather than widen the window: a long
 * label ("Essayer avec des données de démonstration") must still fit 360 px, and larger text.
 */
void
chq_a11y_wrap_labels (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget))
    {
      gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (widget), GTK_JUSTIFY_CENTER);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    chq_a11y_wrap_labels (child);
}

/**
 * chq_a11y_name_list_item:
 * @child: the widget a list item factory made, bound to its item
 * @label: what a screen reader says of the item
 * @description: (nullable): what it adds, or %NULL
 *
 * GTK 4.8 has no API to name a list item, and the focus (and a screen reader) lands on the
 * item's own widget, the parent of @child (in a column view, the row above the cell): this
 * names that widget, through the accessible API every widget has.
 */
void
chq_a11y_name_list_item (GtkWidget  *child,
                         const char *label,
                         const char *description)
{
  GtkWidget *item;

  g_return_if_fail (GTK_IS_WIDGET (child));

  item = gtk_widget_get_parent (child);
  /* A column view cell: the row is the item. */
  if (item != NULL && g_str_equal (G_OBJECT_TYPE_NAME (item), "GtkColumnViewCell"))
    item = gtk_widget_get_parent (item);
  if (item == NULL || GTK_IS_LIST_BOX_ROW (item))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * chq_a11y_escape_past_toasts:
 * @overlay: a toast overlay holding its content
 * @action_name: what Escape does in that content, "window.close" in a dialog
 *
 * libadwaita 1.2's toast overlay binds Escape to dismiss the toast it shows, and it is met
 * before the window's own Escape: with a toast shown, Escape had to be pressed twice to close
 * a dialog. This has Escape in @overlay's content activate @action_name first; the toast
 * goes with its timeout or its close button.
 */
void
chq_a11y_escape_past_toasts (AdwToastOverlay *overlay,
                             const char      *action_name)
{
  GtkWidget *content;
  GtkEventController *keys;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (action_name != NULL);

  content = adw_toast_overlay_get_child (overlay);
  g_return_if_fail (content != NULL);

  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new (action_name)));
  gtk_widget_add_controller (content, keys);
}

/**
 * chq_a11y_set_dialog_role:
 * @window: a dialog window, in its instance init, before its template is built
 *
 * Has a screen reader announce @window as a dialog. In GTK 4.8 the role a window subclass
 * sets with gtk_widget_class_set_accessible_role() is not the one AT-SPI gets: building the
 * template realizes the window's accessible context with the instance's own role, the
 * generic "widget" (AT-SPI "filler"), and the role cannot change after that. Setting the
 * instance's role first, while the context is not realized, does.
 */
void
chq_a11y_set_dialog_role (GtkWidget *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_object_set (window, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, NULL);
}

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

/**
 * chq_a11y_tidy:
 * @root: a widget whose template is built
 *
 * Names, for screen readers, the buttons and dropdowns under @root as GTK 4.8 should have:
 * each button with a label once, by its label; each dropdown's toggle button by the dropdown's
 * label, described by the choice it shows. Safe to call again on the same widgets.
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

/* chq-a11y.h: what a screen reader hears of the widgets GTK 4.8 names badly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void chq_a11y_tidy        (GtkWidget *root);
void chq_a11y_wrap_labels (GtkWidget *widget);
void chq_a11y_name_list_item (GtkWidget  *child,
                              const char *label,
                              const char *description);
void chq_a11y_name_expander_row (AdwExpanderRow *row,
                                 const char     *label,
                                 const char     *list_label);
void chq_a11y_set_dialog_role (GtkWidget *window);
void chq_a11y_escape_past_toasts (AdwToastOverlay *overlay,
                                  const char      *action_name);

G_END_DECLS

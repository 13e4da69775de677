/* chq-course-list-row.c: one course of the Catalogue's list, laid out and drawn as one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list view keeps about 200 rows around what is shown, all made and bound at once when
 * the first results arrive; as boxes of labels (8 widgets, 8 CSS nodes a row) they cost most of
 * the first frame that shows the courses. This widget shows the same texts with one Pango
 * layout each, kept until the text, the width or the font changes, in the fonts of
 * libadwaita's classes (title: .heading; the AI badge: .caption-heading in the accent colour;
 * the lines under it: .caption, the provider dimmed like .dim-label) and the colours of the
 * current style, so dark, high contrast and large text look as with labels. Screen readers
 * get the accessible label and description of the row; the badge's tooltip comes from
 * query-tooltip.
 */
#define G_LOG_DOMAIN "chq-course-list-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-catalog-logic.h"
#include "chq-course-list-row.h"

/* As the boxes this widget replaces: 6 px between title and badge, 3 px between lines. */
#define H_SPACING 6
#define V_SPACING 3
/* libadwaita 1.2's .heading, .caption and .caption-heading, and .dim-label's opacity as
 * style.css raises it (0.7: 4.9:1 on white in light, WCAG AA). */
#define HEADING_POINTS 11
#define CAPTION_POINTS 9
#define DIM_OPACITY    0.7
#define DIM_OPACITY_HC 0.9

typedef enum {
  TEXT_TITLE,
  TEXT_BADGE,
  TEXT_PROVIDER,
  TEXT_HOURS,
  TEXT_NEXT,
  N_TEXTS
} RowText;

struct _ChqCourseListRow
{
  GtkWidget    parent_instance;

  char        *texts[N_TEXTS];   /* owned, nullable */
  gboolean     ai;
  PangoLayout *layouts[N_TEXTS]; /* owned: made on first use */
  guint        context_serial;   /* of the Pango context the layouts' fonts come from */
  int          natural[N_TEXTS]; /* unwrapped widths, pixels; -1 until measured */
  int          ellipsis_width;   /* of "…" in the title's font, pixels; -1 until measured */
};

G_DEFINE_FINAL_TYPE (ChqCourseListRow, chq_course_list_row, GTK_TYPE_WIDGET)

static void
forget_sizes (ChqCourseListRow *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    self->natural[i] = -1;
  self->ellipsis_width = -1;
}

/* Makes the layouts, or gives them the fonts of the widget's current style (font family, size
 * of large text, resolution) when its Pango context changed since. */
static void
ensure_layouts (ChqCourseListRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  guint serial = pango_context_get_serial (context);
  const PangoFontDescription *base;
  PangoAlignment alignment;

  if (self->layouts[0] != NULL && serial == self->context_serial)
    return;

  base = pango_context_get_font_description (context);
  alignment = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? PANGO_ALIGN_RIGHT
                                                                     : PANGO_ALIGN_LEFT;
  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_copy (base);
      gboolean heading = i == TEXT_TITLE || i == TEXT_BADGE;

      if (self->layouts[i] == NULL)
        {
          self->layouts[i] = pango_layout_new (context);
          pango_layout_set_text (self->layouts[i], self->texts[i] != NULL ? self->texts[i] : "",
                                 -1);
          if (i != TEXT_BADGE)
            pango_layout_set_ellipsize (self->layouts[i], PANGO_ELLIPSIZE_END);
        }
      else
        pango_layout_context_changed (self->layouts[i]);

      pango_font_description_set_size (font, (i == TEXT_TITLE ? HEADING_POINTS : CAPTION_POINTS)
                                             * PANGO_SCALE);
      pango_font_description_set_weight (font, heading ? PANGO_WEIGHT_BOLD
                                                       : PANGO_WEIGHT_NORMAL);
      pango_layout_set_font_description (self->layouts[i], font);
      pango_layout_set_alignment (self->layouts[i], alignment);
    }

  /* The title wraps on two lines at most, then ends with an ellipsis. */
  pango_layout_set_wrap (self->layouts[TEXT_TITLE], PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (self->layouts[TEXT_TITLE], -2);

  self->context_serial = serial;
  forget_sizes (self);
}

/* The width of @text on one line. Leaves its layout without width: set_width() gives it. */
static int
natural_width (ChqCourseListRow *self,
               RowText           text)
{
  if (self->natural[text] < 0)
    {
      pango_layout_set_width (self->layouts[text], -1);
      pango_layout_get_pixel_size (self->layouts[text], &self->natural[text], NULL);
    }
  return self->natural[text];
}

static int
title_min_width (ChqCourseListRow *self)
{
  if (self->ellipsis_width < 0)
    {
      g_autoptr(PangoLayout) ellipsis = pango_layout_copy (self->layouts[TEXT_TITLE]);

      pango_layout_set_height (ellipsis, -1);
      pango_layout_set_width (ellipsis, -1);
      pango_layout_set_text (ellipsis, "…", -1);
      pango_layout_get_pixel_size (ellipsis, &self->ellipsis_width, NULL);
    }
  return self->ellipsis_width;
}

/* The width the badge takes beside the title, spacing included; 0 without badge. */
static int
badge_space (ChqCourseListRow *self)
{
  return self->ai ? natural_width (self, TEXT_BADGE) + H_SPACING : 0;
}

/* The width @text has in a row @width wide. */
static int
text_space (ChqCourseListRow *self,
            RowText           text,
            int               width)
{
  return MAX (width - (text == TEXT_TITLE ? badge_space (self) : 0), 0);
}

/* Gives each layout its width in a row @width wide: none when its text fits on one line, so
 * that the layout Pango made for the natural width is kept (most lines fit), else the width
 * to wrap or ellipsize at. Pango keeps the lines while the width stays the same. */
static void
set_width (ChqCourseListRow *self,
           int               width)
{
  for (RowText i = TEXT_TITLE; i < N_TEXTS; i++)
    {
      int space = text_space (self, i, width);

      if (i != TEXT_BADGE)
        pango_layout_set_width (self->layouts[i],
                                natural_width (self, i) <= space ? -1 : space * PANGO_SCALE);
    }
}

/* One line, whatever the width: the height of a caption line as its fonts make it. */
static int
line_height (ChqCourseListRow *self,
             RowText           text)
{
  int height;

  pango_layout_get_pixel_size (self->layouts[text], NULL, &height);
  return height;
}

static int
title_line_height (ChqCourseListRow *self)
{
  int title_height;
  int badge_height = 0;

  pango_layout_get_pixel_size (self->layouts[TEXT_TITLE], NULL, &title_height);
  if (self->ai)
    pango_layout_get_pixel_size (self->layouts[TEXT_BADGE], NULL, &badge_height);
  return MAX (title_height, badge_height);
}

static GtkSizeRequestMode
chq_course_list_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
chq_course_list_row_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  ChqCourseListRow *self = CHQ_COURSE_LIST_ROW (widget);

  ensure_layouts (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int lines = 0;

      for (guint i = TEXT_PROVIDER; i < N_TEXTS; i++)
        lines = MAX (lines, natural_width (self, i));
      *minimum = title_min_width (self) + badge_space (self);
      *natural = MAX (natural_width (self, TEXT_TITLE) + badge_space (self), lines);
      *natural = MAX (*natural, *minimum);
    }
  else
    {
      int width = for_size;

      if (width < 0)
        width = MAX (natural_width (self, TEXT_TITLE) + badge_space (self), 0);
      set_width (self, width);
      *minimum = title_line_height (self);
      for (guint i = TEXT_PROVIDER; i < N_TEXTS; i++)
        *minimum += V_SPACING + line_height (self, i);
      *natural = *minimum;
    }
}

static void
chq_course_list_row_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  ChqCourseListRow *self = CHQ_COURSE_LIST_ROW (widget);

  ensure_layouts (self);
  set_width (self, width);
}

/* Draws @text at @y; right to left, at the end of its space. */
static void
append_text (ChqCourseListRow *self,
             GtkSnapshot      *snapshot,
             RowText           text,
             int               width,
             int               y,
             const GdkRGBA    *color)
{
  PangoLayout *layout = self->layouts[text];
  int x = 0;

  if (text == TEXT_BADGE)
    x = width - natural_width (self, TEXT_BADGE);
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    {
      /* Mirrored: the badge first, then the texts, aligned right in their space (by Pango
       * when it has their width). */
      if (text == TEXT_BADGE)
        x = 0;
      else
        x = width - text_space (self, text, width);
      if (text != TEXT_BADGE && pango_layout_get_width (layout) < 0)
        x += text_space (self, text, width) - natural_width (self, text);
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
chq_course_list_row_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  ChqCourseListRow *self = CHQ_COURSE_LIST_ROW (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA accent;
  int y;

  ensure_layouts (self);
  set_width (self, width);

  gtk_style_context_get_color (style, &fg);
  dim = fg;
  dim.alpha *= adw_style_manager_get_high_contrast (adw_style_manager_get_default ())
               ? DIM_OPACITY_HC : DIM_OPACITY;
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = fg;

  append_text (self, snapshot, TEXT_TITLE, width, 0, &fg);
  if (self->ai)
    append_text (self, snapshot, TEXT_BADGE, width, 0, &accent);

  y = title_line_height (self) + V_SPACING;
  for (guint i = TEXT_PROVIDER; i < N_TEXTS; i++)
    {
      append_text (self, snapshot, i, width, y, i == TEXT_PROVIDER ? &dim : &fg);
      y += line_height (self, i) + V_SPACING;
    }
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  GdkRectangle area;

  if (!chq_course_list_row_get_badge_area (CHQ_COURSE_LIST_ROW (widget), &area))
    return FALSE;
  if (!keyboard_mode && !gdk_rectangle_contains_point (&area, x, y))
    return FALSE;

  gtk_tooltip_set_text (tooltip, _("A course on artificial intelligence"));
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

static void
chq_course_list_row_direction_changed (GtkWidget        *widget,
                                       GtkTextDirection  previous_direction)
{
  ChqCourseListRow *self = CHQ_COURSE_LIST_ROW (widget);

  /* Aligned again by ensure_layouts. */
  self->context_serial = 0;
  gtk_widget_queue_resize (widget);
}

static void
chq_course_list_row_finalize (GObject *object)
{
  ChqCourseListRow *self = CHQ_COURSE_LIST_ROW (object);

  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_clear_pointer (&self->texts[i], g_free);
      g_clear_object (&self->layouts[i]);
    }

  G_OBJECT_CLASS (chq_course_list_row_parent_class)->finalize (object);
}

static void
chq_course_list_row_class_init (ChqCourseListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chq_course_list_row_finalize;
  widget_class->get_request_mode = chq_course_list_row_get_request_mode;
  widget_class->measure = chq_course_list_row_measure;
  widget_class->size_allocate = chq_course_list_row_size_allocate;
  widget_class->snapshot = chq_course_list_row_snapshot;
  widget_class->direction_changed = chq_course_list_row_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "courselistrow");
  /* As the box it replaces. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_course_list_row_init (ChqCourseListRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->texts[TEXT_BADGE] = g_strdup (_("AI"));
  forget_sizes (self);
  gtk_widget_set_margin_top (widget, 6);
  gtk_widget_set_margin_bottom (widget, 6);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

/**
 * chq_course_list_row_new:
 *
 * A row of the Catalogue's list, empty until chq_course_list_row_set_course().
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
chq_course_list_row_new (void)
{
  return g_object_new (CHQ_TYPE_COURSE_LIST_ROW, NULL);
}

static void
set_text (ChqCourseListRow *self,
          RowText           text,
          char             *value)
{
  g_free (self->texts[text]);
  self->texts[text] = value;
  self->natural[text] = -1;
  if (self->layouts[text] != NULL)
    pango_layout_set_text (self->layouts[text], value != NULL ? value : "", -1);
}

/**
 * chq_course_list_row_set_course:
 * @self: a #ChqCourseListRow
 * @course: (nullable): the course to show, or %NULL for none
 *
 * Shows @course: its title with the AI badge if it is an AI course, its provider, its hours,
 * vouchers and format, and its next session; and names it for screen readers ("Title, AI
 * course by Provider", described by the two lines under it).
 */
void
chq_course_list_row_set_course (ChqCourseListRow *self,
                                ChqCourseRow     *course)
{
  g_autofree char *hours_text = NULL;
  g_autofree char *hours_line = NULL;
  g_autofree char *next_line = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (CHQ_IS_COURSE_LIST_ROW (self));
  g_return_if_fail (course == NULL || CHQ_IS_COURSE_ROW (course));

  if (course == NULL)
    {
      for (guint i = 0; i < N_TEXTS; i++)
        if (i != TEXT_BADGE)
          set_text (self, i, NULL);
      self->ai = FALSE;
      gtk_widget_set_has_tooltip (GTK_WIDGET (self), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      return;
    }

  hours_text = chq_catalog_format_hours (chq_course_row_get_hours (course),
                                         chq_course_row_get_voucher_type (course));
  /* TRANSLATORS: hours and vouchers, then the format: "14 hours · 14 vouchers · In person" */
  hours_line = g_strdup_printf (_("%s · %s"), hours_text,
                                chq_course_format_get_label (chq_course_row_get_format (course)));
  next_line = chq_catalog_format_next_session (chq_course_row_get_next_session_start (course),
                                               chq_course_row_get_next_city (course));

  if (chq_course_row_get_ai (course))
    /* TRANSLATORS: how a screen reader names a course of the list */
    accessible = g_strdup_printf (_("%s, AI course by %s"), chq_course_row_get_title (course),
                                  chq_course_row_get_provider_name (course));
  else
    accessible = g_strdup_printf (_("%s, by %s"), chq_course_row_get_title (course),
                                  chq_course_row_get_provider_name (course));
  description = g_strdup_printf ("%s. %s.", hours_line, next_line);

  set_text (self, TEXT_TITLE, g_strdup (chq_course_row_get_title (course)));
  set_text (self, TEXT_PROVIDER, g_strdup (chq_course_row_get_provider_name (course)));
  set_text (self, TEXT_HOURS, g_steal_pointer (&hours_line));
  set_text (self, TEXT_NEXT, g_steal_pointer (&next_line));
  self->ai = chq_course_row_get_ai (course);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), self->ai);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  /* The list item is what the focus and a screen reader land on. */
  chq_a11y_name_list_item (GTK_WIDGET (self), accessible, description);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * chq_course_list_row_get_title:
 * @self: a #ChqCourseListRow
 *
 * Returns: (nullable): the title shown, %NULL without course
 */
const char *
chq_course_list_row_get_title (ChqCourseListRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_LIST_ROW (self), NULL);
  return self->texts[TEXT_TITLE];
}

/**
 * chq_course_list_row_get_provider:
 * @self: a #ChqCourseListRow
 *
 * Returns: (nullable): the provider's name shown under the title, %NULL without course
 */
const char *
chq_course_list_row_get_provider (ChqCourseListRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_LIST_ROW (self), NULL);
  return self->texts[TEXT_PROVIDER];
}

/**
 * chq_course_list_row_get_hours_line:
 * @self: a #ChqCourseListRow
 *
 * Returns: (nullable): the line of hours, vouchers and format, %NULL without course
 */
const char *
chq_course_list_row_get_hours_line (ChqCourseListRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_LIST_ROW (self), NULL);
  return self->texts[TEXT_HOURS];
}

/**
 * chq_course_list_row_get_next_line:
 * @self: a #ChqCourseListRow
 *
 * Returns: (nullable): the line of the next session, %NULL without course
 */
const char *
chq_course_list_row_get_next_line (ChqCourseListRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_LIST_ROW (self), NULL);
  return self->texts[TEXT_NEXT];
}

/**
 * chq_course_list_row_get_ai:
 * @self: a #ChqCourseListRow
 *
 * Returns: whether the row shows the AI badge
 */
gboolean
chq_course_list_row_get_ai (ChqCourseListRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_LIST_ROW (self), FALSE);
  return self->ai;
}

/**
 * chq_course_list_row_get_badge_area:
 * @self: a #ChqCourseListRow
 * @out_area: (out) (optional): where the badge is drawn, in the row's coordinates
 *
 * Where the AI badge is, at the row's current width (for its tooltip).
 *
 * Returns: %FALSE when the row shows no badge
 */
gboolean
chq_course_list_row_get_badge_area (ChqCourseListRow *self,
                                    GdkRectangle     *out_area)
{
  int width;
  int height;

  g_return_val_if_fail (CHQ_IS_COURSE_LIST_ROW (self), FALSE);

  if (!self->ai)
    return FALSE;

  ensure_layouts (self);
  pango_layout_get_pixel_size (self->layouts[TEXT_BADGE], &width, &height);
  if (out_area != NULL)
    {
      out_area->x = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                    ? 0 : gtk_widget_get_width (GTK_WIDGET (self)) - width;
      out_area->y = 0;
      out_area->width = width;
      out_area->height = height;
    }
  return TRUE;
}

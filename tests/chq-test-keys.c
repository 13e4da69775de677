/* chq-test-keys.c: real key presses for the UI tests, through the X server (XTest), so GTK
 * handles them exactly as it handles a person's typing (input method, key bindings, focus)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chq-test-keys.h"

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>
#endif

#include "chq-test-ui-utils.h"

/* Lets the X server deliver what was sent and GTK handle it. */
static void
settle (void)
{
  for (guint i = 0; i < 5; i++)
    {
      flush_main_context ();
      g_usleep (4000);
    }
  flush_main_context ();
}

/**
 * test_keys_available:
 *
 * Returns: whether keys can be pressed: an X11 display with the XTest extension
 */
gboolean
test_keys_available (void)
{
#ifdef HAVE_XTEST
  GdkDisplay *display = gdk_display_get_default ();
  int event_base, error_base, major, minor;

  return GDK_IS_X11_DISPLAY (display) &&
         XTestQueryExtension (gdk_x11_display_get_xdisplay (display), &event_base, &error_base,
                              &major, &minor);
#else
  return FALSE;
#endif
}

/**
 * test_keys_focus:
 * @window: a shown window
 *
 * Gives @window the keyboard focus of the X server (there is no window manager to do it).
 */
void
test_keys_focus (GtkWindow *window)
{
#ifdef HAVE_XTEST
  GdkSurface *surface;
  Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  wait_until (gtk_window_is_active (window), 5000);
  settle ();
#else
  g_assert_not_reached ();
#endif
}

#ifdef HAVE_XTEST
static void
send_keysym (Display *xdisplay,
             KeySym   keysym,
             gboolean press)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
}
#endif

/**
 * test_keys_press:
 * @window: the window with the focus
 * @keyval: a key, like %GDK_KEY_Down
 * @modifiers: %GDK_CONTROL_MASK, %GDK_SHIFT_MASK, %GDK_ALT_MASK held while pressing it
 *
 * Presses and releases @keyval as a person does, and waits until GTK has handled it.
 */
void
test_keys_press (GtkWindow       *window,
                 guint            keyval,
                 GdkModifierType  modifiers)
{
#ifdef HAVE_XTEST
  Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);
  gboolean shift = (modifiers & GDK_SHIFT_MASK) != 0;

  g_assert_cmpuint (code, !=, 0);
  /* Keys go where the X server's focus is: make sure it is still this window. */
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                  RevertToParent, CurrentTime);
  /* A character on the shifted level of its key (say ':' or 'A') needs Shift. */
  if (XkbKeycodeToKeysym (xdisplay, code, 0, 0) != (KeySym) keyval &&
      XkbKeycodeToKeysym (xdisplay, code, 0, 1) == (KeySym) keyval)
    shift = TRUE;

  if ((modifiers & GDK_CONTROL_MASK) != 0)
    send_keysym (xdisplay, XK_Control_L, TRUE);
  if ((modifiers & GDK_ALT_MASK) != 0)
    send_keysym (xdisplay, XK_Alt_L, TRUE);
  if (shift)
    send_keysym (xdisplay, XK_Shift_L, TRUE);
  XTestFakeKeyEvent (xdisplay, code, True, CurrentTime);
  XTestFakeKeyEvent (xdisplay, code, False, CurrentTime);
  if (shift)
    send_keysym (xdisplay, XK_Shift_L, FALSE);
  if ((modifiers & GDK_ALT_MASK) != 0)
    send_keysym (xdisplay, XK_Alt_L, FALSE);
  if ((modifiers & GDK_CONTROL_MASK) != 0)
    send_keysym (xdisplay, XK_Control_L, FALSE);
  XSync (xdisplay, False);
  settle ();
#else
  g_assert_not_reached ();
#endif
}

/**
 * test_keys_type:
 * @window: the window with the focus
 * @text: ASCII text
 *
 * Types @text one key at a time.
 */
void
test_keys_type (GtkWindow  *window,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    test_keys_press (window, gdk_unicode_to_keyval ((guchar) *p), 0);
}

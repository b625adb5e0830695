/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-text.c: shortest round-trip doubles and one-line escapes.
 */
#include "cg-text.h"

#include <string.h>

char *
cg_text_format_double (char   *buf,
                       double  v)
{
  g_return_val_if_fail (buf != NULL, NULL);

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  return buf;
}

char *
cg_text_escape (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      default:
        if (*p < 0x20 || *p == 0x7f)
          g_string_append_printf (out, "\\x%02x", *p);
        else
          g_string_append_c (out, (char) *p);
      }
  return g_string_free (out, FALSE);
}

char *
cg_text_unescape (const char *text,
                  gsize       len)
{
  GString *out;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\0')
        goto malformed;
      if (text[i] != '\\')
        {
          g_string_append_c (out, text[i]);
          continue;
        }
      if (++i == len)
        goto malformed;
      switch (text[i])
        {
        case '\\':
          g_string_append_c (out, '\\');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'x':
          {
            int hi, lo;

            if (i + 2 >= len)
              goto malformed;
            hi = g_ascii_xdigit_value (text[i + 1]);
            lo = g_ascii_xdigit_value (text[i + 2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
              goto malformed;
            g_string_append_c (out, (char) (hi * 16 + lo));
            i += 2;
            break;
          }
        default:
          goto malformed;
        }
    }
  return g_string_free (out, FALSE);

malformed:
  g_string_free (out, TRUE);
  return NULL;
}

#include "ocr/test_render.h"

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <pango/pangocairo.h>

namespace bayyina::ocr::testing {

PixPtr RenderLines(const std::vector<std::string>& lines, const std::string& font, int dpi) {
  const int width = dpi * 6;  // 6 inches
  const int margin = dpi / 2;
  const double pt = dpi / 72.0;
  // Lay out once to learn the height.
  cairo_surface_t* probe = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
  cairo_t* pcr = cairo_create(probe);
  PangoFontDescription* desc = pango_font_description_from_string(font.c_str());
  pango_font_description_set_absolute_size(
      desc, pango_font_description_get_size(desc) * pt);
  std::vector<PangoLayout*> layouts;
  int height = margin;
  for (const std::string& line : lines) {
    PangoLayout* layout = pango_cairo_create_layout(pcr);
    pango_layout_set_font_description(layout, desc);
    pango_layout_set_width(layout, (width - 2 * margin) * PANGO_SCALE);
    pango_layout_set_auto_dir(layout, TRUE);
    pango_layout_set_text(layout, line.c_str(), -1);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout, &w, &h);
    height += h + dpi / 8;
    layouts.push_back(layout);
  }
  height += margin;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  int y = margin;
  for (PangoLayout* layout : layouts) {
    pango_cairo_update_layout(cr, layout);
    cairo_move_to(cr, margin, y);
    pango_cairo_show_layout(cr, layout);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout, &w, &h);
    y += h + dpi / 8;
    g_object_unref(layout);
  }
  cairo_surface_flush(surface);
  PixPtr pix(pixCreate(width, height, 8));
  pixSetResolution(pix.get(), dpi, dpi);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int yy = 0; yy < height; ++yy) {
    const uint32_t* row = reinterpret_cast<const uint32_t*>(data + yy * stride);
    for (int xx = 0; xx < width; ++xx) {
      const uint32_t p = row[xx];
      const uint32_t grey = (((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 + (p & 0xff) * 114) / 1000;
      pixSetPixel(pix.get(), xx, yy, grey);
    }
  }
  pango_font_description_free(desc);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  cairo_destroy(pcr);
  cairo_surface_destroy(probe);
  return pix;
}

Box InkBounds(Pix* gray) {
  Box all;
  for (const Box& piece : InkPieces(gray, Box{0, 0, pixGetWidth(gray), pixGetHeight(gray)})) {
    all = all.Union(piece);
  }
  return all;
}

}  // namespace bayyina::ocr::testing

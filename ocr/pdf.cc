#include "ocr/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <pango/pangocairo.h>

#include <memory>

#include "absl/strings/str_cat.h"

namespace bayyina::ocr {
namespace {

cairo_status_t WriteToSink(void* closure, const unsigned char* data, unsigned int length) {
  (*static_cast<const std::function<void(absl::string_view)>*>(closure))(
      absl::string_view(reinterpret_cast<const char*>(data), length));
  return CAIRO_STATUS_SUCCESS;
}

// Copies a Leptonica image (1, 8 or 32 bpp) into a cairo RGB24 image surface.
cairo_surface_t* ToCairo(Pix* pix) {
  PixPtr rgb(pixConvertTo32(pix));
  if (!rgb) return nullptr;
  const int w = pixGetWidth(rgb.get()), h = pixGetHeight(rgb.get());
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) return surface;
  cairo_surface_flush(surface);
  unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const l_uint32* src = pixGetData(rgb.get());
  const int wpl = pixGetWpl(rgb.get());
  for (int y = 0; y < h; ++y) {
    uint32_t* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride);
    const l_uint32* in = src + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < w; ++x) row[x] = in[x] >> 8;  // 0xRRGGBBAA -> 0x00RRGGBB
  }
  cairo_surface_mark_dirty(surface);
  return surface;
}

// Draws a line's words, joined by spaces in logical order, stretched over the line's box (in
// pixels; the context is in pixels too). One run per line with real spaces is what text
// extractors need to rebuild the line in logical order; word-by-word placement loses spaces.
void DrawLine(cairo_t* cr, PangoLayout* layout, PangoFontDescription* font, const Line& line) {
  std::string text;
  for (const Word& word : line.words) {
    if (!text.empty()) text += ' ';
    text += word.text;
  }
  const Box& box = line.box;
  if (box.empty() || text.empty()) return;
  pango_font_description_set_absolute_size(font, box.height() * PANGO_SCALE);
  pango_layout_set_font_description(layout, font);
  pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
  PangoRectangle ink, logical;
  pango_layout_get_pixel_extents(layout, &ink, &logical);
  if (logical.width <= 0 || logical.height <= 0) return;
  cairo_save(cr);
  cairo_translate(cr, box.left, box.top);
  cairo_scale(cr, static_cast<double>(box.width()) / logical.width,
              static_cast<double>(box.height()) / logical.height);
  cairo_move_to(cr, -logical.x, -logical.y);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
}

}  // namespace

absl::Status WriteSearchablePdf(const Document& doc, absl::Span<const Page> pages,
                                const std::function<void(absl::string_view)>& sink) {
  if (static_cast<size_t>(doc.page_count()) != pages.size()) {
    return absl::InvalidArgumentError(absl::StrCat("document has ", doc.page_count(),
                                                   " pages but ", pages.size(), " were given"));
  }
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create_for_stream(WriteToSink, const_cast<void*>(static_cast<const void*>(&sink)),
                                          595, 842),
      cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return absl::InternalError("cannot create the PDF surface");
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "bayyina");
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                        cairo_destroy);
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> font(
      pango_font_description_from_string("Noto Naskh Arabic, DejaVu Sans"),
      pango_font_description_free);
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(
      pango_cairo_create_layout(cr.get()), g_object_unref);
  for (int32_t i = 0; i < doc.page_count(); ++i) {
    absl::StatusOr<PageImage> image = doc.DecodePage(i);
    if (!image.ok()) return image.status();
    const Page& page = pages[i];
    const double dpi = image->dpi > 0 ? image->dpi : 300.0;
    const int w = pixGetWidth(image->pix.get()), h = pixGetHeight(image->pix.get());
    cairo_pdf_surface_set_size(surface.get(), w * 72.0 / dpi, h * 72.0 / dpi);
    cairo_save(cr.get());
    cairo_scale(cr.get(), 72.0 / dpi, 72.0 / dpi);
    // Text first, then the opaque scan over it: the text stays extractable and searchable but
    // is never seen.
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    pango_cairo_update_layout(cr.get(), layout.get());
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) DrawLine(cr.get(), layout.get(), font.get(), line);
    }
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> scan(
        ToCairo(image->pix.get()), cairo_surface_destroy);
    image->pix.reset();
    if (!scan || cairo_surface_status(scan.get()) != CAIRO_STATUS_SUCCESS) {
      return absl::ResourceExhaustedError("cannot convert the page image for the PDF");
    }
    cairo_set_source_surface(cr.get(), scan.get(), 0, 0);
    cairo_paint(cr.get());
    cairo_restore(cr.get());
    cairo_show_page(cr.get());
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return absl::InternalError("cannot write the PDF");
  }
  return absl::OkStatus();
}

}  // namespace bayyina::ocr

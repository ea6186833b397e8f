/** Fonts for reports from the app's own files (precached, so reports work offline), and saving. */
import type { jsPDF } from 'jspdf';
import type { ReportFonts } from './pdfKit';

let fonts: Promise<ReportFonts> | undefined;

async function base64Of(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`font ${url}: ${String(response.status)}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** PT Sans, licensed under the SIL Open Font License 1.1: public/fonts/PTSans-OFL.txt. */
export function loadFonts(): Promise<ReportFonts> {
  fonts ??= Promise.all([
    base64Of('/fonts/PTSans_400Regular.ttf'),
    base64Of('/fonts/PTSans_700Bold.ttf'),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

export function savePdf(pdf: jsPDF, fileName: string): void {
  pdf.save(fileName);
}

export function saveText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}

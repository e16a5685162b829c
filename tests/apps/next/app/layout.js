import 'rust-card-checkout/style.css';

export const metadata = { title: 'Shop checkout' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}

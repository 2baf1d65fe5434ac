// kiosk: see below

"""No models of its own: the screens' proxy models are added by the apps' admin modules. This
module makes the app a models app, so `migrate` creates the screens' content types (the admin's
history refers to them) with the others."""

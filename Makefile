# inspectd: build and install on a Debian server with systemd.
#
#   make                      # release build, Swift runtime linked statically
#   sudo make install         # binaries, units, sysusers/tmpfiles, config, man pages, completions
#   sudo systemctl enable --now inspectd.socket inspectd.service
#
# `make install DESTDIR=/tmp/stage` stages into a directory (for packaging);
# `make install-files PRODUCTS=DIR` installs already-built binaries from DIR
# without building (the end-to-end tests use it inside a throw-away systemd).

SWIFT       ?= swift
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
MANDIR      ?= $(PREFIX)/share/man
SYSCONFDIR  ?= /etc
# systemd reads units from /usr/lib/systemd/system and, on Debian too, from
# /usr/local/lib/systemd/system (`systemd-analyze unit-paths`). For those two
# prefixes the units follow PREFIX; for any other they go to /etc/systemd/system,
# which systemd always reads.
ifneq ($(filter /usr /usr/local,$(PREFIX)),)
UNITDIR     ?= $(PREFIX)/lib/systemd/system
else
UNITDIR     ?= $(SYSCONFDIR)/systemd/system
endif
SYSUSERSDIR ?= /usr/lib/sysusers.d
TMPFILESDIR ?= /usr/lib/tmpfiles.d
# journalctl --update-catalog reads /usr/lib/systemd/catalog and /usr/local/lib/systemd/catalog.
CATALOGDIR  ?= $(PREFIX)/lib/systemd/catalog
DATADIR     ?= $(PREFIX)/share
# Shell completions, generated from the built inspectctl's own parser. bash-completion
# and fish look under every $XDG_DATA_DIRS (/usr/local/share and /usr/share); zsh on
# Debian reads /usr/share/zsh/vendor-completions (packages) and
# /usr/local/share/zsh/site-functions (local installs), so that directory follows PREFIX.
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ifeq ($(PREFIX),/usr)
ZSHCOMPDIR  ?= $(DATADIR)/zsh/vendor-completions
else
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions
endif
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d

# The release build lives in its own scratch directory: --static-swift-stdlib
# changes the flags of every target, and sharing .build with debug builds would
# rebuild everything each time one switches.
SCRATCH     ?= .build-release
PRODUCTS    ?= $(SCRATCH)/release

CONFIG      := $(DESTDIR)$(SYSCONFDIR)/inspectd/inspectd.toml

.PHONY: all build install install-files uninstall

# $(call completion,SHELL,FILE): FILE is the completion script for SHELL, mode 0644.
completion = $(PRODUCTS)/inspectctl --generate-completion-script $(1) > $(2) && chmod 0644 $(2) || { rm -f $(2); exit 1; }

all: build

build:
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(SCRATCH)

install: build
	@$(MAKE) --no-print-directory install-files

install-files:
	@test -x $(PRODUCTS)/inspectd && test -x $(PRODUCTS)/inspectctl || \
	    { echo "make: no inspectd/inspectctl in $(PRODUCTS); run 'make build' first or set PRODUCTS=" >&2; exit 1; }
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(SYSCONFDIR)/inspectd \
	    $(DESTDIR)$(SYSCONFDIR)/inspectd/calendar.d
	install -m 0644 deploy/calendar.d/README $(DESTDIR)$(SYSCONFDIR)/inspectd/calendar.d/README
	install -d $(DESTDIR)$(CATALOGDIR) $(DESTDIR)$(DATADIR)/inspectd/templates
	install -m 0644 deploy/catalog/inspectd.catalog $(DESTDIR)$(CATALOGDIR)/inspectd.catalog
	install -m 0644 deploy/templates/* $(DESTDIR)$(DATADIR)/inspectd/templates/
	install -m 0755 $(PRODUCTS)/inspectd $(PRODUCTS)/inspectctl $(DESTDIR)$(BINDIR)/
	sed 's|@BINDIR@|$(BINDIR)|g' deploy/inspectd.service > $(DESTDIR)$(UNITDIR)/inspectd.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/inspectd.service
	install -m 0644 deploy/inspectd.socket $(DESTDIR)$(UNITDIR)/inspectd.socket
	install -m 0644 deploy/sysusers.d/inspectd.conf $(DESTDIR)$(SYSUSERSDIR)/inspectd.conf
	install -m 0644 deploy/tmpfiles.d/inspectd.conf $(DESTDIR)$(TMPFILESDIR)/inspectd.conf
	install -m 0644 deploy/man/inspectd.8 $(DESTDIR)$(MANDIR)/man8/inspectd.8
	install -m 0644 deploy/man/inspectctl.1 $(DESTDIR)$(MANDIR)/man1/inspectctl.1
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	@# A script that failed half-way is removed, not installed.
	$(call completion,bash,$(DESTDIR)$(BASHCOMPDIR)/inspectctl)
	$(call completion,zsh,$(DESTDIR)$(ZSHCOMPDIR)/_inspectctl)
	$(call completion,fish,$(DESTDIR)$(FISHCOMPDIR)/inspectctl.fish)
	@# An operator's configuration is never overwritten.
	@if [ -e $(CONFIG) ]; then \
	    echo "keeping the existing $(CONFIG) (the example is deploy/inspectd.toml)"; \
	else \
	    echo "install -m 0644 deploy/inspectd.toml $(CONFIG)"; \
	    install -m 0644 deploy/inspectd.toml $(CONFIG); \
	fi
	@# On a running systemd (not when staging into DESTDIR): create the account
	@# and directories now, the way a package's postinst would, and load the units.
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
	    echo "systemd-sysusers $(SYSUSERSDIR)/inspectd.conf"; systemd-sysusers $(SYSUSERSDIR)/inspectd.conf && \
	    echo "systemd-tmpfiles --create $(TMPFILESDIR)/inspectd.conf"; systemd-tmpfiles --create $(TMPFILESDIR)/inspectd.conf && \
	    echo "systemctl daemon-reload"; systemctl daemon-reload && \
	    echo "journalctl --update-catalog"; journalctl --update-catalog && \
	    echo "installed; start with: systemctl enable --now inspectd.socket inspectd.service"; \
	else \
	    echo "staged; on the server run: systemd-sysusers; systemd-tmpfiles --create; systemctl daemon-reload; journalctl --update-catalog"; \
	fi

# The configuration (/etc/inspectd) and the data (/var/lib/inspectd,
# /var/spool/inspectd) and the account stay: they are the operator's.
uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
	    systemctl disable --now inspectd.service inspectd.socket || true; \
	fi
	rm -f $(DESTDIR)$(BINDIR)/inspectd $(DESTDIR)$(BINDIR)/inspectctl
	rm -f $(DESTDIR)$(UNITDIR)/inspectd.service $(DESTDIR)$(UNITDIR)/inspectd.socket
	rm -f $(DESTDIR)$(SYSUSERSDIR)/inspectd.conf $(DESTDIR)$(TMPFILESDIR)/inspectd.conf
	rm -f $(DESTDIR)$(MANDIR)/man8/inspectd.8 $(DESTDIR)$(MANDIR)/man1/inspectctl.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/inspectctl $(DESTDIR)$(ZSHCOMPDIR)/_inspectctl $(DESTDIR)$(FISHCOMPDIR)/inspectctl.fish
	rm -f $(DESTDIR)$(CATALOGDIR)/inspectd.catalog
	rm -rf $(DESTDIR)$(DATADIR)/inspectd/templates
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@echo "kept: $(SYSCONFDIR)/inspectd, /var/lib/inspectd, /var/spool/inspectd and the inspectd account"

# ---------------------------------------------------------------------------
# test and demo targets: reserved for the project lead, who adds them here.
# ---------------------------------------------------------------------------

.PHONY: setup demo test

# Installs the build and test dependencies that are missing (apt, as root or via sudo).
setup:
	@scripts/setup.sh

# The quick start's first command: build and run the daemon on the demo district.
demo: setup
	$(SWIFT) build --product inspectd
	$(SWIFT) build --product inspectctl
	$(SWIFT) run inspectd demo --dir $(or $(DIR),./inspectd-demo)

# The quick start's second command, and what CI runs: every test, unit and
# end-to-end (the real-systemd and journald tests need root; they say so and
# are skipped otherwise).
test:
	@scripts/setup.sh --tests
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

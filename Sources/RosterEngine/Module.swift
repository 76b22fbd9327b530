// RosterEngine
